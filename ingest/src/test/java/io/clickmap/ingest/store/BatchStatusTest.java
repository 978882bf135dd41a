package io.clickmap.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchStatusTest {
    @Test
    void noRowsFoundMeansTheBatchIsToBeInserted() {
        assertThat(BatchStatus.of(0, 500)).isEqualTo(BatchStatus.NOT_STORED);
    }

    @Test
    void allRowsFoundMeansTheEarlierInsertLanded() {
        assertThat(BatchStatus.of(500, 500)).isEqualTo(BatchStatus.STORED);
    }

    @Test
    void someRowsFoundBreaksTheOnePartPerInsertContract() {
        assertThat(BatchStatus.of(499, 500)).isEqualTo(BatchStatus.PARTLY_STORED);
        assertThat(BatchStatus.of(501, 500)).isEqualTo(BatchStatus.PARTLY_STORED);
    }
}
