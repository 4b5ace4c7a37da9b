package io.pgclone.cli;

import io.pgclone.stack.ConnectRestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a running clone. Its checkpoints stay: 'pgclone resume' continues it.",
                "On the embedded stack the pgclone process running the clone stops it; with --connect the connectors",
                "are stopped (Connect's STOPPED state, configs and offsets kept)."})
final class CancelCommand implements Callable<Integer> {
    @Mixin
    TargetOption target;

    @Option(names = "--clone-id", required = true, description = "The clone to cancel.")
    String cloneId;

    @Option(names = "--connect", paramLabel = "URL", description = "The Connect cluster running the clone, if not embedded.")
    String connectUrl;

    @Override
    public Integer call() {
        int n = CloneSession.setJobStatus(target.connInfo(), cloneId, "cancelled", "'running'");
        if (n == 0) {
            throw new UserError("--clone-id: no running clone " + cloneId + " in this target");
        }
        if (connectUrl != null) {
            new CloneRunner(new ConnectRestClient(connectUrl), System.out, false).stop(cloneId);
        }
        System.out.println("Cancelled clone " + cloneId + ". Continue it with: pgclone resume --clone-id " + cloneId
                + " --target ..." + (connectUrl != null ? " --connect " + connectUrl : ""));
        return 0;
    }
}
