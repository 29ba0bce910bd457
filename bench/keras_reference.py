"""Keras 3 on TensorFlow (CPU): notebook 04's CNN and notebook 03's XOR network.

    build/bench-venv/bin/python bench/keras_reference.py --batch 64 --steps 20     # one measurement
    build/bench-venv/bin/python bench/keras_reference.py --serve                    # for bench.py

Two modes. `train_on_batch`: a step is `model.train_on_batch` on one fixed batch (Keras' compiled train function:
forward, softmax cross-entropy, backward, Adam), which returns the loss as a number. `fit`: what the TensorFlow CNN
tutorial (the one notebook 04 follows) does, as the kit's row does it: `model.fit` for one epoch on STEPS x BATCH
images stored as bytes and scaled to [0,1] (the tutorial's `/ 255.0`, done once, untimed), shuffled, then validation
on one image per five trained in batches of 256, as the kit's row validates. Images are channels-last (32x32x3),
Keras' own layout.
"""

import os
import sys
import time

STARTED = time.perf_counter()  # the imports below are part of the start-up time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import protocol  # noqa: E402

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


def slide_cnn():
    """The slide's CNN (the TensorFlow CNN tutorial's), valid padding, 32x32x3 in, 10 scores out."""
    return keras.Sequential([
        keras.Input((32, 32, 3)),
        layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.Flatten(), layers.Dense(64, activation="relu"), layers.Dense(10)])


class KerasWorker:
    def __init__(self):
        self.warm = set()
        self.cnn = {}     # (batch, mode) -> compiled model
        self.fixed = {}   # batch -> the fixed batch train_on_batch repeats
        self.data = {}    # (batch, steps) -> fit's training and validation arrays

    def model(self, batch, mode):
        if (batch, mode) not in self.cnn:
            keras.utils.set_random_seed(42)
            model = slide_cnn()
            model.compile(optimizer=keras.optimizers.Adam(1e-3),
                          loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                          metrics=["accuracy"] if mode == "fit" else None)   # the tutorial's, the kit's evaluator
            self.cnn[batch, mode] = model
        return self.cnn[batch, mode]

    def prepare(self, batch, steps, mode):
        """The data of a measurement, made before its timing starts."""
        rng = np.random.default_rng(42)
        if mode == "fit" and (batch, steps) not in self.data:
            def images(n):
                return (rng.integers(0, 256, (n, 32, 32, 3), dtype=np.uint8) / 255.0).astype(np.float32)
            validation = max(batch, batch * steps // 5)
            self.data[batch, steps] = (images(batch * steps), rng.integers(0, 10, batch * steps),
                                       images(validation), rng.integers(0, 10, validation))
        if mode != "fit" and batch not in self.fixed:
            self.fixed[batch] = (tf.constant(rng.random((batch, 32, 32, 3), dtype=np.float32)),
                                 tf.constant(rng.integers(0, 10, batch)))

    def cnn_steps(self, batch, steps, mode="train_on_batch"):
        model = self.model(batch, mode)
        self.prepare(batch, steps, mode)
        if mode == "fit":
            x, y, vx, vy = self.data[batch, steps]
            history = model.fit(x, y, batch_size=batch, epochs=1, shuffle=True, validation_data=(vx, vy),
                                validation_batch_size=256, verbose=0)
            return float(history.history["loss"][-1])
        images, labels = self.fixed[batch]
        loss = None
        for _ in range(steps):
            loss = float(np.ravel(model.train_on_batch(images, labels))[0])
        return loss

    def xor_new(self, mode=None):
        keras.utils.set_random_seed(42)
        self.xor_model = keras.Sequential([keras.Input((2,)), layers.Dense(2, activation="sigmoid"), layers.Dense(1)])
        self.xor_model.compile(optimizer=keras.optimizers.Adam(0.1), loss="mse")
        self.xor_x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
        self.xor_y = np.array([[0], [1], [1], [0]], dtype=np.float32)

    def xor_steps(self, steps):
        loss = None
        for _ in range(steps):
            loss = float(np.ravel(self.xor_model.train_on_batch(self.xor_x, self.xor_y))[0])
        return loss


def make_worker(threads):
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    info = {"engine": "Keras (TensorFlow)", "version": f"Keras {keras.__version__}, TensorFlow {tf.__version__}",
            "settings": f"intra-op threads {threads}, inter-op 1, oneDNN "
                        f"{'off' if os.environ.get('TF_ENABLE_ONEDNN_OPTS') == '0' else 'on (default)'}, no XLA"}
    return KerasWorker(), info


if __name__ == "__main__":
    protocol.main(make_worker, __doc__, STARTED)
