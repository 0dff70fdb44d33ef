package vn.kiosk06.server.salvage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.kiosk06.server.store.SeqRange;

class ExplainedGapTest {

    static SalvageRecord salvage(long seq, SeqRange... lost) {
        return new SalvageRecord(seq, 10, List.of(lost), "journal.db.damaged-20261204-052900", "integrity check", 0);
    }

    @Test
    void aGapExactlyTheSalvagesLoss_isLostOnTheDevice() {
        assertThat(ExplainedGap.explain(List.of(new SeqRange(101, 3101)), List.of(salvage(3102, new SeqRange(101, 3101)))))
                .containsExactly(new ExplainedGap(101, 3101, true, 3102));
    }

    @Test
    void aGapWiderThanTheLoss_splitsIntoLostAndNotReceivedParts() {
        assertThat(ExplainedGap.explain(List.of(new SeqRange(5, 20)),
                List.of(salvage(30, new SeqRange(8, 9), new SeqRange(15, 16)), salvage(40, new SeqRange(19, 25)))))
                .containsExactly(new ExplainedGap(5, 7, false, 0), new ExplainedGap(8, 9, true, 30),
                        new ExplainedGap(10, 14, false, 0), new ExplainedGap(15, 16, true, 30),
                        new ExplainedGap(17, 18, false, 0), new ExplainedGap(19, 20, true, 40));
    }

    @Test
    void lostSeqsTheServerHolds_explainNothing_andGapsWithoutSalvageStayUnexplained() {
        assertThat(ExplainedGap.explain(List.of(new SeqRange(50, 50)), List.of(salvage(60, new SeqRange(1, 10)))))
                .containsExactly(new ExplainedGap(50, 50, false, 0));
        assertThat(ExplainedGap.explain(List.of(), List.of(salvage(60, new SeqRange(1, 10))))).isEmpty();
    }
}
