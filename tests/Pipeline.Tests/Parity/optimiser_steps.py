"""Steps torch.optim.SGD or torch.optim.Adam over given gradients, for tests/Pipeline.Tests/Parity/OptimiserParityTests.

usage: optimiser_steps.py SPEC.json

SPEC {"optimiser": "adam" | "sgd", "momentum": 0.9, "nesterov": true, "weight_decay": 1e-4, "rates": [one per step],
      "in": state_dict.pt (param.<i>, and grad.<i> of shape [steps, *shape]), "out": state_dict.pt}
  before step k sets every learning rate to rates[k] and each parameter's .grad to grad.<i>[k]; writes after.<i>,
  the parameters after the last step.
"""
import json
import sys
from collections import OrderedDict

import torch

spec = json.load(open(sys.argv[1]))
data = torch.load(spec['in'])
count = sum(1 for key in data if key.startswith('param.'))
params = [data[f'param.{i}'].clone().requires_grad_(True) for i in range(count)]
rates = spec['rates']
if spec['optimiser'] == 'adam':
    optimiser = torch.optim.Adam(params, lr=rates[0], weight_decay=spec['weight_decay'])
else:
    optimiser = torch.optim.SGD(params, lr=rates[0], momentum=spec['momentum'], nesterov=spec['nesterov'],
                                weight_decay=spec['weight_decay'])
for step, rate in enumerate(rates):
    for group in optimiser.param_groups:
        group['lr'] = rate
    for i, param in enumerate(params):
        param.grad = data[f'grad.{i}'][step].clone()
    optimiser.step()
torch.save(OrderedDict((f'after.{i}', param.detach()) for i, param in enumerate(params)), spec['out'])
