package io.pgclone.it.badinput;

/**
 * One case of the bad-input catalogue: a wrong value given somewhere, the setting or option the one-line error
 * must name, words it must contain, and how the case is tried.
 *
 * @param id      short, stable, unique (it names the test and the row in docs/bad-input.md)
 * @param group   what kind of input it is
 * @param input   what is wrong, in words a user would recognise
 * @param culprit the setting (REST) or option (CLI) the error names
 * @param expect  words the error line holds
 * @param setup   what the world needs before the case (taken into the "before" fingerprint), or null
 * @param trial   how the input is given and the error read back
 */
public record BadInput(String id, Group group, String input, String culprit, String expect, Setup setup, Trial trial) {

    /** Prepares the world before its fingerprint is taken: a table on the target to conflict with, a role. */
    @FunctionalInterface
    public interface Setup {
        void prepare(World world) throws Exception;
    }

    /** A case with nothing to prepare. */
    public static BadInput of(String id, Group group, String input, String culprit, String expect, Trial trial) {
        return new BadInput(id, group, input, culprit, expect, null, trial);
    }

    /** The catalogue's sections, in the order docs/bad-input.md lists them. */
    public enum Group {
        CONNECTION("Connection settings and TLS"),
        OPTIONS("Connector options: types, ranges, combinations"),
        NAMES("Identifiers and names"),
        WHERE("Row filters (where)"),
        MASKS("Masks and the hash key"),
        CLI("The pgclone command line"),
        TARGET("What the target refuses at run time"),
        SOURCE("What happens on the source during a clone");

        final String title;

        Group(String title) {
            this.title = title;
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
