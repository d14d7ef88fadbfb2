"""What precision and attention kernel the encoder really runs with on a device: bf16 autocast only where the
hardware multiplies bf16 (elsewhere it is emulated and slower than fp32), eager attention only where it measured
faster. The model's passes (models/model.py), the article summary's and distillation read these."""
from __future__ import annotations

from contextlib import nullcontext

import torch


def native_bf16(device_type: str = "cpu") -> bool:
    """Whether `device_type` multiplies bf16 in hardware: a CUDA GPU that supports it, a CPU with AVX-512 BF16
    or AMX. Elsewhere autocast emulates bf16 and is slower than fp32, not faster: on an AVX2-only EPYC
    (2 cores) the default model analysed 12 People's Daily articles in 74.2 s under bf16 and 11.9 s in fp32."""
    if device_type == "cuda":
        return torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    if device_type != "cpu":
        return False
    try:  # private but stable probes (torch >= 2.1); an older torch: assume emulation
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:
        return False


def effective_precision(precision: str, device_type: str = "cpu") -> str:
    """What the encoder really runs in: `auto` is bf16 where it is native (`native_bf16`), else fp32."""
    if precision == "auto":
        return "bf16" if native_bf16(device_type) else "fp32"
    return precision


def effective_attention(attention: str, precision: str, device_type: str = "cpu", task: str = "ner",
                        packed: bool = False) -> str:
    """What `auto` attention means: eager for the tagging pass's padded batches (one sentence a row, at most
    64 tokens) under bf16 on a CPU, sdpa elsewhere. On this project's CPU (AVX-512 BF16, one thread) torch's
    fused kernel took 9.1 ms for 64 sentences x 12 heads x 48 tokens in bf16 where matmul, softmax, matmul
    took 7.0, and the tagging pass of 48 articles' sentences ran in 0.84-1.05x the time (median 0.90); the
    topic pass's full 128-token windows ran slower eager (1.09-1.60x), and in fp32 the fused kernel is the
    faster (5.7 / 7.3 ms); docs/experiments.md, "Speed", session 31. One article's sentences packed side by
    side (`packed`, rows of 96 tokens under a block-diagonal mask, session 34) are full rows too: the seed
    page's analysis 147.7 ms with the fused kernel against 160.2 eager (medians of 8 alternated rounds of
    10, 2 threads, the same output; session 51)."""
    if attention != "auto":
        return attention
    bf16 = device_type == "cpu" and effective_precision(precision, device_type) == "bf16"
    return "eager" if bf16 and task != "topic" and not packed else "sdpa"


def precision_context(precision: str, device_type: str = "cpu"):
    """bf16 autocast for `bf16` (and `auto` where bf16 is native), else nothing: fp32, or int8 layers."""
    if effective_precision(precision, device_type) == "bf16":
        return torch.autocast(device_type, dtype=torch.bfloat16)
    return nullcontext()
