"""Won et al. 2020's SampleCNN and SampleCNNSE, written again from minzwon/sota-music-tagging-models
training/model.py (classes SampleCNN, SampleCNNSE) and training/modules.py (Conv_1d, ResSE_1d), keeping their
attribute names so that their state_dict keys are the "minzwon" layout. Input [batch, samples] as in their code.
"""
import torch
import torch.nn as nn

WIDTHS = [128, 128, 128, 256, 256, 256, 256, 256, 256, 512, 512]  # layer1..layer11 (model.py SampleCNN)


class Conv_1d(nn.Module):
    """modules.py Conv_1d: conv (padding = shape // 2, also when strided), BN, ReLU, max-pool."""

    def __init__(self, c_in, c_out, shape, stride, pooling):
        super().__init__()
        self.conv = nn.Conv1d(c_in, c_out, shape, stride=stride, padding=shape // 2)
        self.bn = nn.BatchNorm1d(c_out)
        self.relu = nn.ReLU()
        self.mp = nn.MaxPool1d(pooling)

    def forward(self, x):
        return self.mp(self.relu(self.bn(self.conv(x))))


class ResSE_1d(nn.Module):
    """modules.py ResSE_1d: conv_1, bn_1, ReLU, conv_2, bn_2; SE with dense1 (C -> C, ReLU) and dense2 (C -> C,
    sigmoid) on the time average; conv_3 / bn_3 shortcut where the stride or the width changes; add, ReLU, pool."""

    def __init__(self, c_in, c_out, shape, stride, pooling):
        super().__init__()
        self.conv_1 = nn.Conv1d(c_in, c_out, shape, stride=stride, padding=shape // 2)
        self.bn_1 = nn.BatchNorm1d(c_out)
        self.conv_2 = nn.Conv1d(c_out, c_out, shape, padding=shape // 2)
        self.bn_2 = nn.BatchNorm1d(c_out)
        self.dense1 = nn.Linear(c_out, c_out)
        self.dense2 = nn.Linear(c_out, c_out)
        self.diff = stride != 1 or c_in != c_out
        if self.diff:
            self.conv_3 = nn.Conv1d(c_in, c_out, shape, stride=stride, padding=shape // 2)
            self.bn_3 = nn.BatchNorm1d(c_out)
        self.relu = nn.ReLU()
        self.sigmoid = nn.Sigmoid()
        self.mp = nn.MaxPool1d(pooling)

    def forward(self, x):
        out = self.bn_2(self.conv_2(self.relu(self.bn_1(self.conv_1(x)))))
        se = nn.AvgPool1d(out.size(-1))(out).squeeze(-1)
        se = self.sigmoid(self.dense2(self.relu(self.dense1(se)))).unsqueeze(-1)
        out = torch.mul(out, se)
        if self.diff:
            x = self.bn_3(self.conv_3(x))
        return self.mp(self.relu(x + out))


def _layers(model, block, widths):
    # layer1: kernel 3, stride 3, no pool; layer2..10: kernel 3, pool 3; layer11: kernel 1, no pool.
    previous = 1
    for i, width in enumerate(widths):
        shape, stride, pooling = (3, 3, 1) if i == 0 else ((1, 1, 1) if i == 10 else (3, 1, 3))
        setattr(model, 'layer%d' % (i + 1), block(previous, width, shape, stride, pooling))
        previous = width


class Won2020SampleCNN(nn.Module):
    # widths: theirs unless a test asks for a narrower copy of the same structure.
    def __init__(self, n_class=50, widths=WIDTHS):
        super().__init__()
        _layers(self, Conv_1d, widths)
        self.dropout = nn.Dropout(0.5)
        self.dense = nn.Linear(widths[-1], n_class)

    def logits(self, x):
        x = x.unsqueeze(1)
        for i in range(11):
            x = getattr(self, 'layer%d' % (i + 1))(x)
        return self.dense(self.dropout(x.squeeze(-1)))

    def forward(self, x):
        return nn.Sigmoid()(self.logits(x))


class Won2020SampleCNNSE(nn.Module):
    def __init__(self, n_class=50, widths=WIDTHS):
        super().__init__()
        _layers(self, ResSE_1d, widths)
        self.dropout = nn.Dropout(0.5)
        self.dense1 = nn.Linear(widths[-1], widths[-1])
        self.bn = nn.BatchNorm1d(widths[-1])
        self.dense2 = nn.Linear(widths[-1], n_class)

    def logits(self, x):
        x = x.unsqueeze(1)
        for i in range(11):
            x = getattr(self, 'layer%d' % (i + 1))(x)
        x = nn.ReLU()(self.bn(self.dense1(x.squeeze(-1))))
        return self.dense2(self.dropout(x))

    def forward(self, x):
        return nn.Sigmoid()(self.logits(x))
