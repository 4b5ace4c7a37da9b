package io.pgclone.it.badinput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every bad-input case, group by group: the one list the IT runs and docs/bad-input.md shows. */
public final class Catalogue {
    private Catalogue() {
    }

    public static List<BadInput> all() {
        List<BadInput> all = new ArrayList<>();
        all.addAll(ConnectionInputs.cases());
        all.addAll(OptionInputs.cases());
        all.addAll(NameInputs.cases());
        all.addAll(WhereInputs.cases());
        all.addAll(MaskInputs.cases());
        all.addAll(TargetInputs.cases());
        all.addAll(SourceInputs.cases());
        all.addAll(CliInputs.cases());
        all.sort(java.util.Comparator.comparing(BadInput::group));
        Set<String> ids = new HashSet<>();
        for (BadInput c : all) {
            if (!ids.add(c.id())) {
                throw new IllegalStateException("two cases are named " + c.id());
            }
        }
        return all;
    }
}
