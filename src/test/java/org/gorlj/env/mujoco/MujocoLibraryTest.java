package org.gorlj.env.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MujocoLibraryTest {

    @Test
    void theInstalledLibraryIsVersion222() {
        assertThat(Mujoco.version()).isEqualTo(222);
    }

    @Test
    void aMissingLibraryGivesOneLineSayingWhatToInstall() {
        assertThatThrownBy(() -> Mujoco.open(List.of("libmujoco-absent.so.9", "libmujoco-absent.so")))
                .isInstanceOf(MujocoException.class)
                .hasMessage(
                        "MuJoCo 2.2.2 not found: install it with 'apt-get install -y libmujoco2.2.2 libmujoco-dev'");
    }

    @Test
    void aWrongVersionNamesTheExpectedAndTheFoundVersion() {
        assertThatThrownBy(() -> Mujoco.checkVersion(231))
                .isInstanceOf(MujocoException.class)
                .hasMessageContaining("expected 2.2.2 (mj_version() = 222)")
                .hasMessageContaining("mj_version() = 231")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
