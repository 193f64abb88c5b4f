import gzip
import os
import tempfile

base = tempfile.mkdtemp()
lines = ["line %d %s" % (i, "x" * (i % 7)) for i in range(40)]
open(os.path.join(base, "a.txt"), "w").write("\n".join(lines) + "\n")
open(os.path.join(base, "b.txt"), "w").write("\n".join(lines[:5]))
open(os.path.join(base, "crlf.txt"), "w", newline="").write("one\r\ntwo\r\n\r\nthree")
with gzip.open(os.path.join(base, "c.txt.gz"), "wt") as f:
    f.write("\n".join(lines[:9]) + "\n")
os.mkdir(os.path.join(base, "dir"))
open(os.path.join(base, "dir", "p1.txt"), "w").write("p1a\np1b\n")
open(os.path.join(base, "dir", "p2.txt"), "w").write("p2a\n")
open(os.path.join(base, "dir", "_skip"), "w").write("no\n")
open(os.path.join(base, "dir", ".hidden"), "w").write("no\n")
open(os.path.join(base, "empty.txt"), "w").write("")
cases = [("a.txt", None), ("a.txt", 3), ("a.txt", 7), ("b.txt", 4), ("crlf.txt", 2), ("c.txt.gz", 3), ("dir", None), ("*.txt", None), ("empty.txt", None)]
for p, m in cases:
    r = sc.textFile(os.path.join(base, p), m)
    print(p, m, r.getNumPartitions(), r.glom().collect())
r = sc.textFile(os.path.join(base, "a.txt") + "," + os.path.join(base, "b.txt"), 5)
print(r.getNumPartitions(), r.glom().collect())
w = sc.wholeTextFiles(os.path.join(base, "dir"))
print(w.getNumPartitions(), sorted((os.path.basename(k), v) for k, v in w.collect()))
print(sc.defaultMinPartitions, sc.defaultParallelism, sc.parallelize([1]).getNumPartitions())
for n, k in [(60, 6), (45, 4), (7, 3)]:
    for m in (2, 3, 4, 5):
        print(n, k, m, sc.parallelize(range(n), k).repartition(m).glom().collect())
print(sc.parallelize(range(30), 3).coalesce(2, True).glom().collect())
print(sc.parallelize(range(10), 5).coalesce(2).glom().collect())
print(sc.parallelize(range(10), 3).glom().collect(), sc.parallelize(list("abcdefg"), 3).glom().collect())
print(sc.parallelize(range(0, 20, 3), 4).glom().collect(), sc.range(2, 9, 2, 3).glom().collect())
