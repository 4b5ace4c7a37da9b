package io.pgclone.core.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkPlanTest {

    @Test
    void shouldReadSmallTablesWhole() {
        ChunkPlan p = ChunkPlan.forTable(10, 100);
        assertThat(p.chunks()).isEqualTo(1);
        assertThat(p.ctidCondition(0)).isNull();
        assertThat(ChunkPlan.forTable(0, 100).chunks()).isEqualTo(1);
    }

    @Test
    void shouldSplitLargeTablesIntoClosedCellsOnAFixedGrid() {
        ChunkPlan p = ChunkPlan.forTable(250, 100);
        assertThat(p.chunks()).isEqualTo(3);
        assertThat(p.ctidCondition(0)).isEqualTo("ctid < '(100,0)'::tid");
        assertThat(p.ctidCondition(1)).isEqualTo("ctid >= '(100,0)'::tid AND ctid < '(200,0)'::tid");
        assertThat(p.ctidCondition(2)).isEqualTo("ctid >= '(200,0)'::tid AND ctid < '(300,0)'::tid");
        assertThat(p.pagesOf(2, 250)).isEqualTo(50);
    }

    @Test
    void shouldKeepCellsIdenticalWhenALaterPlanSeesAGrownTable() {
        ChunkPlan before = ChunkPlan.forTable(250, 100);
        ChunkPlan after = ChunkPlan.forTable(420, 100);
        for (int i = 0; i < before.chunks(); i++) {
            assertThat(after.ctidCondition(i)).isEqualTo(before.ctidCondition(i));
        }
        assertThat(after.chunks()).isEqualTo(5);
    }
}
