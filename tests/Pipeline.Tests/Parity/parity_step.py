"""Runs a reference model on weights our C# exported, for tests/Pipeline.Tests/Parity.

usage: parity_step.py SPEC.json

SPEC {"mode": "step", "model": ..., "args": {...}, "weights": state_dict.pt, "batch": batch.pt, "out": result.pt,
      "lr": 0.01, "momentum": 0.9}
  loads the weights (strict: every key, every shape), then writes to "out" (a zip-format state_dict):
  eval_logits / eval_probabilities (eval mode, float32), train_loss, and after.<key> for every entry of the state_dict
  after one SGD step (Nesterov) on BCE-with-logits in train mode with every dropout set to 0. The step runs in float64:
  in float32 the gradients of the early layers carry accumulation noise of ~1e-4 of their scale (PyTorch against
  itself in float64), which would hide a real difference; in float64 two correct implementations agree to ~1e-12.
SPEC {"mode": "autocast", "model": ..., "args": {...}, "weights": ..., "batch": ..., "out": ...}
  eval-mode logits in float32 (fp32_logits) and under torch.autocast('cpu', dtype=torch.bfloat16) (autocast_logits,
  converted to float32), on the same weights and batch.
SPEC {"mode": "count", "models": [{"model": ..., "args": {...}}, ...]}
  prints a JSON list of the models' trainable parameter counts.
SPEC {"mode": "frontend", "args": {sample_rate, n_fft, hop_length, f_min, f_max, n_mels}, "batch": ..., "out": ...}
  torchaudio's MelSpectrogram + AmplitudeToDB of batch["input"] ([batch, 1, samples]) as "db", the same in float64
  ("db64"), and the transform's own window ("window") and mel filter bank ("fb").
"""
import json
import sys
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

import reference_models as ref
import won2020_mel_models as won_mel
import won2020_models as won


def build(model, args):
    if model == 'lee2017':
        return ref.Lee2017(**args)
    if model == 'kim2018':
        return ref.Kim2018(**args)
    if model == 'mlp':
        return ref.Mlp(**args)
    if model == 'won2020-sample-cnn':
        return won.Won2020SampleCNN(**args)
    if model == 'won2020-sample-cnn-se':
        return won.Won2020SampleCNNSE(**args)
    if model == 'won2020-short-chunk-cnn':
        return won_mel.ShortChunkCNN(**args)
    if model == 'won2020-short-chunk-resnet':
        return won_mel.ShortChunkCNN_Res(**args)
    raise ValueError('unknown model ' + model)


def count(spec):
    counts = [sum(p.numel() for p in build(m['model'], m['args']).parameters()) for m in spec['models']]
    print(json.dumps(counts))


def load(spec):
    model = build(spec['model'], spec['args'])
    model.load_state_dict(torch.load(spec['weights']), strict=True)
    x = torch.load(spec['batch'])['input']
    if spec['model'].startswith('won2020'):
        x = x.squeeze(1)  # their forward takes [batch, samples]
    return model.eval(), x


def autocast(spec):
    model, x = load(spec)
    with torch.no_grad():
        fp32 = model.logits(x)
        with torch.autocast('cpu', dtype=torch.bfloat16):
            lower = model.logits(x)
    torch.save(OrderedDict(fp32_logits=fp32, autocast_logits=lower.float()), spec['out'])


def frontend(spec):
    x = torch.load(spec['batch'])['input'].squeeze(1)
    transform = won_mel.front_end(**spec['args'])
    with torch.no_grad():
        db = transform(x)
        window, fb = transform.mel.spectrogram.window.clone(), transform.mel.mel_scale.fb.clone()
        db64 = transform.double()(x.double())
    torch.save(OrderedDict(db=db.contiguous(), db64=db64.contiguous(), window=window, fb=fb), spec['out'])


def step(spec):
    torch.manual_seed(0)
    model = build(spec['model'], spec['args'])
    model.load_state_dict(torch.load(spec['weights']), strict=True)
    batch = torch.load(spec['batch'])
    x, y = batch['input'], batch['target']
    if spec['model'].startswith('won2020'):
        x = x.squeeze(1)  # their forward takes [batch, samples]

    model.eval()
    with torch.no_grad():
        logits = model.logits(x)
        probabilities = model(x)

    for module in model.modules():
        if isinstance(module, nn.Dropout):
            module.p = 0.0
    model.double().train()
    x, y = x.double(), y.double()
    optimiser = torch.optim.SGD(model.parameters(), lr=spec['lr'], momentum=spec['momentum'], nesterov=True)
    optimiser.zero_grad()
    loss = F.binary_cross_entropy_with_logits(model.logits(x), y)
    loss.backward()
    optimiser.step()

    result = OrderedDict(eval_logits=logits, eval_probabilities=probabilities, train_loss=loss.detach().reshape(1))
    for key, value in model.state_dict().items():
        result['after.' + key] = value
    torch.save(result, spec['out'])


if __name__ == '__main__':
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    {'step': step, 'count': count, 'autocast': autocast, 'frontend': frontend}[spec['mode']](spec)
