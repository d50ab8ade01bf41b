/**
 * Deploying a trained policy: {@link org.gorlj.export.OnnxExport} writes a run's policy as one ONNX model (raw
 * observation to executed action, {@code PolicyGraph} mirroring each algorithm's own inference) and its weights as
 * safetensors; {@link org.gorlj.export.OnnxActor} runs such a model through ONNX Runtime as an
 * {@link org.gorlj.algo.Actor}.
 */
package org.gorlj.export;
