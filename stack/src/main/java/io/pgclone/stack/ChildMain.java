package io.pgclone.stack;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the child JVMs (broker, worker): exits when the parent process dies, so that a killed CLI or test
 * run never leaves servers behind, then runs the real main class.
 * Arguments: parent pid, main class, the main class's arguments.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        long parent = Long.parseLong(args[0]);
        ProcessHandle.of(parent).ifPresentOrElse(
                h -> h.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                () -> Runtime.getRuntime().halt(3));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
