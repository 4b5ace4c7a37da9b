package io.pgclone.cli;

import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.mask.Masking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

@Command(name = "mask-in-place", mixinStandardHelpOptions = true,
        description = "Mask a table's rows where they are (pgclone's mask_in_place), in one transaction, with the"
                + " strategies of the Mask transform.")
final class MaskInPlaceCommand implements Callable<Integer> {
    @Mixin
    TargetOption target;

    @Mixin
    MaskOption mask;

    @Override
    public Integer call() throws SQLException {
        try (Connection c = PgConnections.open(target.connInfo(), "pgclone mask-in-place")) {
            System.out.println(Masking.maskInPlace(c, mask.table(), mask.masks()));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return 0;
    }
}
