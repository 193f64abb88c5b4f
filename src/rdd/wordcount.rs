//! Counting the words of lines, as Python's `str.split()` splits them: the
//! engine's path for `flatMap(lambda l: l.split()).map(lambda w: (w, 1))
//! .reduceByKey(add)`, which gives the same pairs in the same order
//! (first occurrence) as the Python functions would.

/// Python's whitespace (`str.isspace`), which `str.split()` splits on.
pub fn is_py_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ' | '\u{85}' | '\u{a0}')
        || (c > '\u{ff}' && c.is_whitespace())
}

/// Word counts in order of first occurrence.
#[derive(Debug, Default)]
pub struct WordCounter {
    index: foldhash::HashMap<Box<str>, usize>,
    counts: Vec<u64>,
    words: Vec<Box<str>>,
}

impl WordCounter {
    pub fn add_line(&mut self, line: &str) {
        if line.is_ascii() {
            for w in line
                .split(|c: char| c.is_ascii_whitespace() || matches!(c, '\x0b' | '\x1c'..='\x1f'))
            {
                if !w.is_empty() {
                    self.add(w);
                }
            }
        } else {
            for w in line.split(is_py_space) {
                if !w.is_empty() {
                    self.add(w);
                }
            }
        }
    }

    fn add(&mut self, w: &str) {
        match self.index.get(w) {
            Some(&i) => self.counts[i] += 1,
            None => {
                let key: Box<str> = w.into();
                self.index.insert(key.clone(), self.words.len());
                self.words.push(key);
                self.counts.push(1);
            }
        }
    }

    /// `(word, count)` in order of first occurrence.
    pub fn finish(self) -> impl Iterator<Item = (Box<str>, u64)> {
        self.words.into_iter().zip(self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_python_and_keeps_first_occurrence_order() {
        let mut c = WordCounter::default();
        c.add_line("b a  b\tc\x0bd\x1ce");
        c.add_line("\u{3000}é a\u{a0}b ");
        c.add_line("");
        let got: Vec<(String, u64)> = c.finish().map(|(w, n)| (w.into(), n)).collect();
        let want = [("b", 3), ("a", 2), ("c", 1), ("d", 1), ("e", 1), ("é", 1)];
        let want: Vec<(String, u64)> = want.iter().map(|(w, n)| (w.to_string(), *n)).collect();
        assert_eq!(got, want);
    }
}
