"""PyTorch reference models for the parity tests, written from the papers and their authors' code, not from our C#.

Lee et al. 2017 and Kim et al. 2018 published Keras code; these are PyTorch transcriptions of it whose module names
give our "native" state_dict layout. Won et al. 2020 published PyTorch code; the Won2020* classes transcribe it with
its own names (the "minzwon" layout), so a file that loads here loads in their code.

Every model has logits(x) for x of shape [batch, 1, samples]; forward(x) is what the reference returns (a sigmoid
for the Keras models' Dense(..., activation='sigmoid') and for Won et al.'s nn.Sigmoid()).
"""
from collections import OrderedDict

import torch
import torch.nn as nn


# Keras' BatchNormalization defaults (epsilon=1e-3, momentum=0.99, i.e. 0.01 in PyTorch's convention): Lee's and
# Kim's code never changes them.
KERAS_EPS, KERAS_MOMENTUM = 1e-3, 0.01


def bn(channels, eps, momentum):
    return nn.BatchNorm1d(channels, eps=eps, momentum=momentum)


def same_conv(c_in, c_out, k):
    # Keras Conv1D(padding='same') at stride 1; PyTorch's 'same' pads an even kernel's extra sample on the right,
    # like TensorFlow.
    return nn.Conv1d(c_in, c_out, k, padding='same')


class Lee2017(nn.Module):
    """Lee et al. 2017, m^n-DCNN (Table 2); tae-jun/sample-cnn sample_cnn/model.py:20-87 for 3^9.

    Strided conv ('valid', filter length = stride, :20), n blocks of conv m 'same' + BN + ReLU + max-pool m
    (:25-29), conv 1x1 + BN + ReLU (:79-82), dropout (:84), dense (:87).
    """

    def __init__(self, m, n, stride, stem, blocks, head, dropout, tags, eps=KERAS_EPS, momentum=KERAS_MOMENTUM):
        super().__init__()
        assert len(blocks) == n
        self.stem = nn.Sequential(OrderedDict(
            conv=nn.Conv1d(1, stem, stride, stride=stride), bn=bn(stem, eps, momentum), relu=nn.ReLU()))
        layers, previous = OrderedDict(), stem
        for i, width in enumerate(blocks):
            layers['block%d' % (i + 1)] = nn.Sequential(OrderedDict(
                conv=same_conv(previous, width, m), bn=bn(width, eps, momentum), relu=nn.ReLU(), pool=nn.MaxPool1d(m)))
            previous = width
        self.blocks = nn.Sequential(layers)
        self.head = nn.Sequential(OrderedDict(
            conv=nn.Conv1d(previous, head, 1), bn=bn(head, eps, momentum), relu=nn.ReLU()))
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(head, tags)

    def logits(self, x):
        x = self.head(self.blocks(self.stem(x)))
        return self.classifier(self.dropout(torch.flatten(x, 1)))

    def forward(self, x):
        return torch.sigmoid(self.logits(x))


class Excitation(nn.Module):
    """tae-jun/resemul model.py:7-13 se_fn: global average, Dense(C * ratio, relu), Dense(C, sigmoid)."""

    def __init__(self, channels, ratio):
        super().__init__()
        self.fc1 = nn.Linear(channels, channels * ratio)
        self.fc2 = nn.Linear(channels * ratio, channels)

    def forward(self, x):
        gate = torch.sigmoid(self.fc2(torch.relu(self.fc1(x.mean(dim=2)))))
        return gate.unsqueeze(2)


class SeBlock(nn.Module):
    """model.py:25-28: basic_block (:16-22: conv 'same', BN, ReLU, max-pool) and then the gate multiplies."""

    def __init__(self, c_in, c_out, m, ratio, dropout, eps, momentum):
        super().__init__()
        self.conv, self.bn, self.pool = same_conv(c_in, c_out, m), bn(c_out, eps, momentum), nn.MaxPool1d(m)
        self.se = Excitation(c_out, ratio)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn(self.conv(x))))
        return x * self.se(x)


class ReSeBlock(nn.Module):
    """model.py:31-51: shortcut (1x1 conv + BN if the width changes), conv, BN, ReLU, Dropout(0.2), conv, BN,
    gate, add, ReLU, max-pool."""

    def __init__(self, c_in, c_out, m, ratio, dropout, eps, momentum):
        super().__init__()
        self.conv1, self.bn1 = same_conv(c_in, c_out, m), bn(c_out, eps, momentum)
        self.drop = nn.Dropout(dropout)
        self.conv2, self.bn2 = same_conv(c_out, c_out, m), bn(c_out, eps, momentum)
        self.se = Excitation(c_out, ratio)
        self.shortcut = None
        if c_in != c_out:
            self.shortcut = nn.Sequential(OrderedDict(conv=nn.Conv1d(c_in, c_out, 1), bn=bn(c_out, eps, momentum)))
        self.pool = nn.MaxPool1d(m)

    def forward(self, x):
        shortcut = x if self.shortcut is None else self.shortcut(x)
        y = self.drop(torch.relu(self.bn1(self.conv1(x))))
        y = self.bn2(self.conv2(y))
        y = y * self.se(y)
        return self.pool(torch.relu(shortcut + y))


class Kim2018(nn.Module):
    """tae-jun/resemul model.py:54-110 with multi=True: strided conv 'valid' (:86-89), blocks (:93-96), global
    max-pool of the last 3 blocks concatenated (:99), Dense(width of that) + BN + ReLU (:103-105), dropout (:108),
    Dense(tags, sigmoid) (:109)."""

    def __init__(self, block, m, n, stride, stem, blocks, ratio, block_dropout, levels, dropout, tags,
                 eps=KERAS_EPS, momentum=KERAS_MOMENTUM):
        super().__init__()
        kind = {'se': SeBlock, 'rese': ReSeBlock}[block]
        self.levels = levels
        self.stem = nn.Sequential(OrderedDict(
            conv=nn.Conv1d(1, stem, stride, stride=stride), bn=bn(stem, eps, momentum), relu=nn.ReLU()))
        layers, previous = OrderedDict(), stem
        for i, width in enumerate(blocks):
            layers['block%d' % (i + 1)] = kind(previous, width, m, ratio, block_dropout, eps, momentum)
            previous = width
        self.blocks = nn.Sequential(layers)
        width = sum(blocks[-levels:])
        self.classifier = nn.Sequential(OrderedDict(
            fc=nn.Linear(width, width), bn=bn(width, eps, momentum), relu=nn.ReLU(), dropout=nn.Dropout(dropout),
            out=nn.Linear(width, tags)))

    def logits(self, x):
        x = self.stem(x)
        outputs = []
        for block in self.blocks:
            x = block(x)
            outputs.append(x)
        pooled = [torch.amax(output, dim=2) for output in outputs[-self.levels:]]
        return self.classifier(torch.cat(pooled, dim=1))

    def forward(self, x):
        return torch.sigmoid(self.logits(x))


class Mlp(nn.Module):
    """Our baseline (no paper): flatten, three Linear + ReLU + Dropout, Linear."""

    def __init__(self, samples, hidden, dropout, tags):
        super().__init__()
        layers, previous = OrderedDict(flatten=nn.Flatten()), samples
        for i, width in enumerate(hidden):
            layers['fc%d' % (i + 1)] = nn.Linear(previous, width)
            layers['relu%d' % (i + 1)] = nn.ReLU()
            layers['dropout%d' % (i + 1)] = nn.Dropout(dropout)
            previous = width
        layers['out'] = nn.Linear(previous, tags)
        self.layers = nn.Sequential(layers)

    def logits(self, x):
        return self.layers(x)

    def forward(self, x):
        return torch.sigmoid(self.logits(x))
