package org.gorlj.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad GoRL settings fail with one line before anything runs. */
class GorlBadInputTest {
    @Test
    void badGorlSettings(@TempDir Path tmp) {
        String out = tmp.resolve("r").toString();
        BadInputTest.assertBad("action_mode=clip is not valid for GoRL", "train", "--algo", "gorl-fm", "--set",
                "action_mode=clip", "--out", out);
        BadInputTest.assertBad("latent_reg=l2 is not valid: expected one of moments, kl", "train", "--algo",
                "gorl-diffusion", "--set", "latent_reg=l2", "--out", out);
        BadInputTest.assertBad("stage_steps=[0] is not valid", "train", "--algo", "gorl-fm", "--set", "stage_steps=0",
                "--out", out);
        BadInputTest.assertBad("unknown preset 'cleanrl' for gorl-fm", "train", "--algo", "gorl-fm", "--preset",
                "cleanrl", "--out", out);
    }
}
