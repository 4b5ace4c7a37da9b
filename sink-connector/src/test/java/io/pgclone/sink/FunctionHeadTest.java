package io.pgclone.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionHeadTest {

    @Test
    void dropsOrReplaceSoAnExistingRoutineMakesCreateFail() {
        assertThat(FunctionHead.withoutOrReplace("CREATE OR REPLACE FUNCTION s.f(a integer)\n RETURNS int"))
                .isEqualTo("CREATE FUNCTION s.f(a integer)\n RETURNS int");
        assertThat(FunctionHead.withoutOrReplace("CREATE OR REPLACE PROCEDURE \"s\".\"p\"()"))
                .isEqualTo("CREATE PROCEDURE \"s\".\"p\"()");
    }

    @Test
    void renamesTheRoutineBeforeItsArgumentList() {
        assertThat(FunctionHead.renamed("CREATE FUNCTION \"s\".\"odd(name\"(a integer) RETURNS int", "\"s\".\"probe\""))
                .isEqualTo("CREATE FUNCTION \"s\".\"probe\"(a integer) RETURNS int");
    }
}
