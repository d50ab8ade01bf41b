package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gorlj.util.UserInputException;
import org.junit.jupiter.api.Test;

/** MKL_CBWR takes MKL's documented form {@code [BRANCH=]branch[,STRICT]}; anything else is refused. */
class MklBranchTest {
    @Test
    void documentedValuesAreAcceptedAndOthersRefused() {
        for (String ok :
                List.of("AUTO", "COMPATIBLE", "AVX2", "BRANCH=AVX2", "AVX512,STRICT", "BRANCH=COMPATIBLE,STRICT")) {
            assertThat(Torch.requireKnownBranch(ok)).isEqualTo(ok);
        }
        for (String bad : List.of("AVX3", "auto", "STRICT", "AVX2,", "BRANCH=", "COMPATIBLE,STRICT,STRICT")) {
            assertThatThrownBy(() -> Torch.requireKnownBranch(bad))
                    .as(bad)
                    .isInstanceOf(UserInputException.class)
                    .hasMessageStartingWith("MKL_CBWR=" + bad + " is not a code branch MKL knows");
        }
    }
}
