"""PyTorch in Python: notebook 04's CNN and notebook 03's XOR network, the reference the kit is measured against.

    build/bench-venv/bin/python bench/torch_reference.py --batch 64 --steps 20     # one measurement
    build/bench-venv/bin/python bench/torch_reference.py --serve                    # for bench.py

A training step is what DJL's is: forward, softmax cross-entropy, backward, Adam, and the loss read
back as a Python number (which waits for the step to finish).

Each measurement names a variant, as a competent PyTorch user would try them (bench.py keeps the best per round):
`plain` (torch.optim.Adam's defaults), `channels_last` (model and images in torch.channels_last memory format),
`foreach` (Adam(foreach=True): one multi-tensor update for all parameters), `fused` (Adam(fused=True): one fused
kernel). A variant torch refuses answers with the exception it raised, which the report quotes.
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

    def cnn_steps(self, batch, steps, mode="plain"):
        if (batch, mode) not in self.cnn:
            torch.manual_seed(42)
            model = slide_cnn()
            images = torch.rand(batch, 3, 32, 32)
            labels = torch.randint(0, 10, (batch,))
            if mode == "channels_last":
                model = model.to(memory_format=torch.channels_last)
                images = images.contiguous(memory_format=torch.channels_last)
            self.cnn[batch, mode] = (model, adam(model.parameters(), 1e-3, mode), images, labels)
        model, optimizer, images, labels = self.cnn[batch, mode]
        loss = None
        for _ in range(steps):
            optimizer.zero_grad()
            value = self.loss(model(images), labels)
            value.backward()
            loss = value.item()
            optimizer.step()
        return loss

    def xor_new(self, mode="plain"):
        torch.manual_seed(42)
        self.xor_model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1))
        self.xor_optimizer = adam(self.xor_model.parameters(), 0.1, mode)

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

    def op_steps(self, steps):
        a, b = torch.tensor(self.xor_inputs), torch.tensor(self.xor_inputs)
        for _ in range(steps):
            a + b


def adam(parameters, lr, mode):
    """Adam as the variant asks: torch's defaults, or foreach=True / fused=True said explicitly."""
    options = {"foreach": {"foreach": True}, "fused": {"fused": True}}.get(mode, {})
    return torch.optim.Adam(parameters, lr=lr, **options)


def adam_default_on_cpu():
    """What torch.optim.Adam() does on CPU when neither foreach nor fused is given, asked of torch itself."""
    from torch.optim.optimizer import _default_to_fused_or_foreach
    params = list(nn.Linear(2, 2).parameters())
    fused, foreach = _default_to_fused_or_foreach(params, differentiable=False, use_fused=False)
    return ("fused kernel" if fused else "one multi-tensor (foreach) update" if foreach
            else "a loop over the parameters, one update each (foreach=False, fused=False)")


def make_worker(threads):
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    info = {"engine": "PyTorch (Python)", "version": torch.__version__,
            "settings": f"torch.set_num_threads({threads}), set_num_interop_threads(1); "
                        f"oneDNN {'on' if torch.backends.mkldnn.is_available() else 'off'}",
            "adam_default_on_cpu": adam_default_on_cpu()}
    return TorchWorker(), info


if __name__ == "__main__":
    protocol.main(make_worker, __doc__, STARTED)
