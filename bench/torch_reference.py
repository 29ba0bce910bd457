"""PyTorch in Python: notebook 04's CNN and notebook 03's XOR network, the reference the kit is measured against.

    build/bench-venv/bin/python bench/torch_reference.py --batch 64 --steps 20     # one measurement
    build/bench-venv/bin/python bench/torch_reference.py --serve                    # for bench.py

A training step is what DJL's is: forward, softmax cross-entropy, backward, Adam, and the loss read
back as a Python number (which waits for the step to finish).
"""

import os
import sys
import time

STARTED = time.perf_counter()  # the imports below are part of the start-up time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import protocol  # noqa: E402

import torch  # noqa: E402
from torch import nn  # noqa: E402


def slide_cnn():
    """The slide's CNN, as in notebook 04: valid padding, 3x32x32 in, 10 scores out."""
    return nn.Sequential(
        nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(64 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, 10))


class TorchWorker:
    def __init__(self):
        self.warm = set()
        self.cnn = {}
        self.loss = nn.CrossEntropyLoss()
        self.xor_inputs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
        self.xor_targets = [[0.0], [1.0], [1.0], [0.0]]

    def cnn_steps(self, batch, steps):
        if batch not in self.cnn:
            torch.manual_seed(42)
            model = slide_cnn()
            images = torch.rand(batch, 3, 32, 32)
            labels = torch.randint(0, 10, (batch,))
            self.cnn[batch] = (model, torch.optim.Adam(model.parameters(), lr=1e-3), images, labels)
        model, optimizer, images, labels = self.cnn[batch]
        loss = None
        for _ in range(steps):
            optimizer.zero_grad()
            value = self.loss(model(images), labels)
            value.backward()
            loss = value.item()
            optimizer.step()
        return loss

    def xor_new(self):
        torch.manual_seed(42)
        self.xor_model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1))
        self.xor_optimizer = torch.optim.Adam(self.xor_model.parameters(), lr=0.1)

    def xor_steps(self, steps):
        """Notebook 03's loop written out: the arrays made from Python lists each step, as the Java loop does."""
        loss = None
        for _ in range(steps):
            x = torch.tensor(self.xor_inputs)
            y = torch.tensor(self.xor_targets)
            self.xor_optimizer.zero_grad()
            value = torch.mean((self.xor_model(x) - y) ** 2)
            value.backward()
            loss = value.item()
            self.xor_optimizer.step()
        return loss


def make_worker(threads):
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    info = {"engine": "PyTorch (Python)", "version": torch.__version__,
            "settings": f"torch.set_num_threads({threads}), set_num_interop_threads(1); "
                        f"oneDNN {'on' if torch.backends.mkldnn.is_available() else 'off'}"}
    return TorchWorker(), info


if __name__ == "__main__":
    protocol.main(make_worker, __doc__, STARTED)
