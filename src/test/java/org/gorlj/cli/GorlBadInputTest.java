package org.gorlj.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad GoRL, FPO and DPPO settings fail with one line before anything runs. */
class GorlBadInputTest {
    @Test
    void badGorlSettings(@TempDir Path tmp) {
        String out = tmp.resolve("r").toString();
        BadInputTest.assertBad(
                "action_mode=clip is not valid for GoRL",
                "train",
                "--algo",
                "gorl-fm",
                "--set",
                "action_mode=clip",
                "--out",
                out);
        BadInputTest.assertBad(
                "latent_reg=l2 is not valid: expected one of moments, kl",
                "train",
                "--algo",
                "gorl-diffusion",
                "--set",
                "latent_reg=l2",
                "--out",
                out);
        BadInputTest.assertBad(
                "stage_steps=[0] is not valid", "train", "--algo", "gorl-fm", "--set", "stage_steps=0", "--out", out);
        BadInputTest.assertBad(
                "decoder_threads=257 is not valid: expected an integer in [0, 256]",
                "train",
                "--algo",
                "gorl-fm",
                "--set",
                "decoder_threads=257",
                "--out",
                out);
        BadInputTest.assertBad(
                "decoder_threads=-1 is not valid: expected an integer in [0, 256]",
                "train",
                "--algo",
                "gorl-sac",
                "--set",
                "decoder_threads=-1",
                "--out",
                out);
        BadInputTest.assertBad(
                "unknown preset 'cleanrl' for gorl-fm",
                "train",
                "--algo",
                "gorl-fm",
                "--preset",
                "cleanrl",
                "--out",
                out);
    }

    @Test
    void badFpoAndDppoSettings(@TempDir Path tmp) {
        String out = tmp.resolve("r").toString();
        BadInputTest.assertBad(
                "fpo_ratio=max is not valid: expected one of mean, per_sample",
                "train",
                "--algo",
                "fpo",
                "--set",
                "fpo_ratio=max",
                "--out",
                out);
        BadInputTest.assertBad(
                "unknown setting 'dppo_sigma'", "train", "--algo", "fpo", "--set", "dppo_sigma=0.1", "--out", out);
        BadInputTest.assertBad(
                "dppo_sigma=0.0 is not valid: expected a number in [1.0E-6, 10.0]",
                "train",
                "--algo",
                "dppo",
                "--set",
                "dppo_sigma=0",
                "--out",
                out);
        BadInputTest.assertBad(
                "unknown preset 'cleanrl' for dppo", "train", "--algo", "dppo", "--preset", "cleanrl", "--out", out);
    }
}
