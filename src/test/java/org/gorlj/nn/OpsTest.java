package org.gorlj.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsTest {
    /**
     * The gradient of c * x stays c when the garbage collector runs between the forward and the
     * backward pass (DJL's mul(Number) fails this: its constant's memory is freed by then).
     */
    @Test
    void constantsSurviveGarbageCollectionBeforeBackward() throws Exception {
        try (ParamStore store = new ParamStore();
                NDManager m = Torch.newManager()) {
            NDArray p = store.add("p", new float[] {1, 2, 3}, new ai.djl.ndarray.types.Shape(3));
            for (int round = 0; round < 20; round++) {
                try (NDManager s = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = Tensors.create(s, new float[] {1, 1, 1}).mul(p);
                    NDArray y = Ops.div(Ops.mul(Ops.sub(Ops.add(x, 5), 2), 0.25), 0.5)
                            .sum(); // d/dp = 0.5
                    // churn memory so freed constants would be overwritten
                    for (int i = 0; i < 50; i++) {
                        java.nio.ByteBuffer.allocateDirect(8).putFloat(0, 1e30f);
                    }
                    System.gc();
                    Thread.sleep(2);
                    for (int i = 0; i < 200; i++) {
                        java.nio.ByteBuffer.allocateDirect(8).putFloat(0, 1e30f).putFloat(4, 1e30f);
                    }
                    gc.backward(y);
                }
                try (NDArray g = p.getGradient()) {
                    assertThat(g.toFloatArray()).containsExactly(0.5f, 0.5f, 0.5f);
                }
                store.zeroGradients();
            }
        }
    }

    /** Main code never passes a numeric literal or cast to DJL's Number overloads (see {@link Ops}). */
    @Test
    void noNumberOverloadsInMainCode() throws Exception {
        java.util.regex.Pattern bad = java.util.regex.Pattern.compile(
                "\\.(mul|div|pow|maximum|minimum|muli|divi|powi|add|sub|addi|subi)\\(\\s*(\\((float|double|int|long)\\)|-?[0-9])");
        List<String> offenders = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (java.nio.file.Path f :
                    files.filter(x -> x.toString().endsWith(".java")).toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (bad.matcher(lines.get(i)).find()) {
                        offenders.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
