"""The peer of bench/minhash/e2e.sh: datasketch's MinHash + MinHashLSH over the same JSONL corpus, end to end.

For each document in order: the set of its lower-cased 5-word shingles, MinHash(num_perm=128) with permutations made
once, MinHashLSH(threshold=0.8, num_perm=128); a document is dropped when `query` finds a match, else it is inserted
and written out as JSONL. datasketch is no part of Winnow: point PYTHONPATH at its source (with numpy and scipy).
    python3 datasketch_e2e.py CORPUS.jsonl KEPT.jsonl
Prints the number of documents kept and dropped.
"""
import json
import sys

from datasketch import MinHash, MinHashLSH

NUM_PERM, THRESHOLD, NGRAM = 128, 0.8, 5


def shingles(text):
    words = text.lower().split()
    if len(words) < NGRAM:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + NGRAM]).encode("utf-8") for i in range(len(words) - NGRAM + 1)}


def main(corpus, kept_path):
    permutations = MinHash(num_perm=NUM_PERM).permutations
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    kept = dropped = 0
    with open(corpus, encoding="utf-8") as source, open(kept_path, "w", encoding="utf-8") as out:
        for n, line in enumerate(source):
            doc = json.loads(line)
            m = MinHash(num_perm=NUM_PERM, permutations=permutations)
            m.update_batch(list(shingles(doc["text"])))
            if lsh.query(m):
                dropped += 1
                continue
            lsh.insert(str(n), m)
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            kept += 1
    print(f"kept {kept}, dropped {dropped}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
