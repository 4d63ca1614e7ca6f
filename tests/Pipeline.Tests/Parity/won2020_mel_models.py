"""Won et al. 2020's short-chunk CNN and short-chunk ResNet, written again from minzwon/sota-music-tagging-models
training/model.py (classes ShortChunkCNN, ShortChunkCNN_Res) and training/modules.py (Conv_2d, Res_2d), keeping their
attribute names so that their state_dict keys are the "minzwon" layout (spec.spectrogram.window, spec.mel_scale.fb,
spec_bn, layer1..layer7, dense1, bn, dense2). The front end is torchaudio's own MelSpectrogram and AmplitudeToDB, as
in their code. Input [batch, samples] as in their code.

widths: the seven layers' channels (theirs: n_channels x [1, 1, 2, 2, 2, 2, 4] with n_channels = 128) unless a test
asks for a narrower or shallower copy of the same structure; head: dense1's width (theirs: n_channels x 4).

Under torch.autocast the front end runs with autocast off, in float32, because that is what our C# computes there
(src/Model/Models/LogMelSpectrogram.cs says why): torch.autocast itself would run the mel filter bank's matmul and
the log10 after it in bfloat16 (PyTorch 1.13 on the CPU; the STFT stays float32).
"""
import torch
import torch.nn as nn
import torchaudio

WIDTHS = [128, 128, 256, 256, 256, 256, 512]


class Conv_2d(nn.Module):
    """modules.py Conv_2d: conv 3x3 (padding 1), BN, ReLU, max-pool 2."""

    def __init__(self, c_in, c_out, shape=3, stride=1, pooling=2):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, shape, stride=stride, padding=shape // 2)
        self.bn = nn.BatchNorm2d(c_out)
        self.relu = nn.ReLU()
        self.mp = nn.MaxPool2d(pooling)

    def forward(self, x):
        return self.mp(self.relu(self.bn(self.conv(x))))


class Res_2d(nn.Module):
    """modules.py Res_2d: conv_1 (3x3, stride 2), bn_1, ReLU, conv_2 (3x3), bn_2; conv_3 / bn_3 (3x3, stride 2) on
    the shortcut where the stride or the width changes; add, ReLU. No pooling: the stride halves."""

    def __init__(self, c_in, c_out, shape=3, stride=2):
        super().__init__()
        self.conv_1 = nn.Conv2d(c_in, c_out, shape, stride=stride, padding=shape // 2)
        self.bn_1 = nn.BatchNorm2d(c_out)
        self.conv_2 = nn.Conv2d(c_out, c_out, shape, padding=shape // 2)
        self.bn_2 = nn.BatchNorm2d(c_out)
        self.diff = stride != 1 or c_in != c_out
        if self.diff:
            self.conv_3 = nn.Conv2d(c_in, c_out, shape, stride=stride, padding=shape // 2)
            self.bn_3 = nn.BatchNorm2d(c_out)
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.bn_2(self.conv_2(self.relu(self.bn_1(self.conv_1(x)))))
        if self.diff:
            x = self.bn_3(self.conv_3(x))
        return self.relu(x + out)


class _ShortChunk(nn.Module):
    def __init__(self, block, n_class, widths, head, sample_rate, n_fft, hop_length, f_min, f_max, n_mels):
        super().__init__()
        self.spec = torchaudio.transforms.MelSpectrogram(sample_rate=sample_rate, n_fft=n_fft, hop_length=hop_length,
                                                         f_min=f_min, f_max=f_max, n_mels=n_mels)
        self.to_db = torchaudio.transforms.AmplitudeToDB()
        self.spec_bn = nn.BatchNorm2d(1)
        previous = 1
        for i, width in enumerate(widths):
            setattr(self, 'layer%d' % (i + 1), block(previous, width))
            previous = width
        self.depth = len(widths)
        head = head or previous
        self.dense1 = nn.Linear(previous, head)
        self.bn = nn.BatchNorm1d(head)
        self.dense2 = nn.Linear(head, n_class)
        self.dropout = nn.Dropout(0.5)
        self.relu = nn.ReLU()

    def front_end(self, x):
        with torch.autocast('cpu', enabled=False):
            return self.spec_bn(self.to_db(self.spec(x)).unsqueeze(1))

    def logits(self, x):
        x = self.front_end(x)
        for i in range(self.depth):
            x = getattr(self, 'layer%d' % (i + 1))(x)
        x = x.squeeze(2)
        if x.size(-1) != 1:
            x = nn.MaxPool1d(x.size(-1))(x)
        x = x.squeeze(2)
        x = self.relu(self.bn(self.dense1(x)))
        return self.dense2(self.dropout(x))

    def forward(self, x):
        return nn.Sigmoid()(self.logits(x))


def _options(kwargs):
    options = dict(widths=WIDTHS, head=None, sample_rate=16000, n_fft=512, hop_length=None, f_min=0.0, f_max=8000.0,
                   n_mels=128)
    options.update(kwargs)
    return options


class ShortChunkCNN(_ShortChunk):
    def __init__(self, n_class=50, **kwargs):
        super().__init__(lambda c_in, c_out: Conv_2d(c_in, c_out, pooling=2), n_class, **_options(kwargs))


class ShortChunkCNN_Res(_ShortChunk):
    def __init__(self, n_class=50, **kwargs):
        super().__init__(lambda c_in, c_out: Res_2d(c_in, c_out, stride=2), n_class, **_options(kwargs))


class _FrontEnd(nn.Module):
    def __init__(self, sample_rate, n_fft, hop_length, f_min, f_max, n_mels):
        super().__init__()
        self.mel = torchaudio.transforms.MelSpectrogram(sample_rate=sample_rate, n_fft=n_fft, hop_length=hop_length,
                                                       f_min=f_min, f_max=f_max, n_mels=n_mels)
        self.to_db = torchaudio.transforms.AmplitudeToDB()

    def forward(self, waveform):
        return self.to_db(self.mel(waveform))


def front_end(sample_rate, n_fft, hop_length, f_min, f_max, n_mels):
    """torchaudio's MelSpectrogram + AmplitudeToDB alone, built as their models build them."""
    return _FrontEnd(sample_rate, n_fft, hop_length, f_min, f_max, n_mels)
