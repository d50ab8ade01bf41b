/** TensorBoard event files of a run: TFRecord framing and the run's scalars and settings as TensorFlow events. */
package org.gorlj.tensorboard;
