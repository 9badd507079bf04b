//! Randomness, interesting values and the mutations the targets share: bytes, JSON trees, and
//! scenarios as the app makes them.

use ict_engine::{Model, Scenario};
use serde_json::{Map, Value};

/// SplitMix64: small and fast; each execution gets its own, so any one can be replayed alone.
pub struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// The generator of execution `k` of the parser `parser` in the run of `seed`.
    pub fn for_execution(seed: u64, parser: &str, k: u64) -> Self {
        let h = parser.bytes().fold(mix(seed), |h, b| mix(h ^ u64::from(b)));
        Rng(mix(h ^ mix(k.wrapping_add(1))))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A count in `1..=max`, small ones more often.
    pub fn count(&mut self, max: usize) -> usize {
        let m = self.below(max.max(1));
        1 + self.below(1 + m)
    }
}

/// Numbers written as text, the kinds that trip number parsers.
pub const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "12.5",
    "12,5",
    "1.234,5",
    "1,234.5",
    "1 234,5",
    "1e308",
    "-1e308",
    "1e309",
    "1e-320",
    "4.9e-324",
    "1.7976931348623157e308",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "∞",
    "−3",
    "12%",
    "1_000",
    "0x10",
    "１２",
    "+5",
    "--5",
    ".5",
    "5.",
    "1e",
    "e5",
    "99999999999999999999999",
    "18446744073709551616",
    "4294967296",
    "65536",
    "2019",
    "2018",
    " 7 ",
    "\u{a0}7",
    "7\u{202f}000",
];

/// Text that trips parsers of text.
pub const TEXTS: &[&str] = &[
    "",
    " ",
    "\"",
    "\"\"",
    "'",
    "\\",
    "\n",
    "\r\n",
    "\r",
    "\t",
    ";",
    ",",
    "\u{feff}",
    "\u{0}",
    "ệ",
    "Quảng Ninh",
    "🙂",
    "\u{fffd}",
    "province_id",
    "province_name",
    "PROVINCE_ID",
    "22",
    "01",
    "1",
    "99",
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    "%",
    "#",
    "{}",
    "[]",
    "null",
    "sep=;",
];

/// 1 to `max` byte edits: replace, insert, delete or duplicate a span, a token of `dict`, a bit
/// flip, a cut.
pub fn bytes(rng: &mut Rng, data: &mut Vec<u8>, dict: &[&[u8]], max: usize) {
    for _ in 0..rng.count(max) {
        let at = rng.below(data.len() + 1);
        let span = rng.count(64).min(data.len() - at);
        match rng.below(9) {
            0 if at < data.len() => data[at] = rng.next_u64() as u8,
            1 if at < data.len() => data[at] ^= 1 << rng.below(8),
            2 => data.insert(at, rng.next_u64() as u8),
            3 => {
                data.drain(at..at + span);
            }
            4 => {
                let copy = data[at..at + span].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            5 | 6 if !dict.is_empty() => {
                let token = rng.pick(dict).to_vec();
                let end = if rng.one_in(2) { at } else { at + span };
                data.splice(at..end, token);
            }
            7 => {
                let token = rng.pick(TEXTS).as_bytes().to_vec();
                data.splice(at..at, token);
            }
            8 if rng.one_in(4) => data.truncate(at),
            _ => {}
        }
    }
}

/// A number for a JSON value: ordinary, extreme or odd.
pub fn json_number(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::from(rng.next_u64()),
        1 => Value::from(-(rng.below(1000) as i64)),
        2 => Value::from(*rng.pick(&[
            0.0,
            -0.0,
            1e-300,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            1e15,
            -1.0,
        ])),
        3 => {
            let text: &&str = rng.pick(&[
                "1e400",
                "-1e400",
                "1e-400",
                "123456789012345678901234567890",
            ]);
            serde_json::from_str(text).unwrap_or(Value::Null)
        }
        _ => Value::from((rng.unit() * 2.0 - 0.5) * 10f64.powi(rng.below(6) as i32)),
    }
}

/// A JSON value of any kind; `words` are the strings that mean something to the parser.
pub fn json_value(rng: &mut Rng, words: &[String]) -> Value {
    match rng.below(10) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 | 3 => json_number(rng),
        4 => Value::String(rng.pick(TEXTS).to_string()),
        5 | 6 if !words.is_empty() => Value::String(rng.pick(words).clone()),
        7 => Value::Array((0..rng.below(4)).map(|_| json_number(rng)).collect()),
        8 => {
            let mut m = Map::new();
            for _ in 0..rng.below(4) {
                let k = if words.is_empty() {
                    "x".to_string()
                } else {
                    rng.pick(words).clone()
                };
                m.insert(k, json_number(rng));
            }
            Value::Object(m)
        }
        _ => {
            // Deep nesting (serde_json stops at 128 levels).
            let depth = rng.count(300);
            (0..depth).fold(Value::Null, |v, _| Value::Array(vec![v]))
        }
    }
}

/// The node of `root` at `path` (child positions from the root).
fn node_at<'a>(root: &'a mut Value, path: &[usize]) -> &'a mut Value {
    let mut node = root;
    for &i in path {
        node = match node {
            Value::Object(m) => m.values_mut().nth(i).expect("a path into the tree"),
            Value::Array(a) => &mut a[i],
            _ => unreachable!("a path into the tree"),
        };
    }
    node
}

/// A random path from the root: each step into a random child, stopping at random.
fn random_path(rng: &mut Rng, root: &Value) -> Vec<usize> {
    let mut path = Vec::new();
    let mut node = root;
    // The root itself seldom: replaced, a scenario file is no longer one.
    while !rng.one_in(if path.is_empty() { 12 } else { 3 }) {
        let children: Vec<&Value> = match node {
            Value::Object(m) => m.values().collect(),
            Value::Array(a) => a.iter().collect(),
            _ => Vec::new(),
        };
        if children.is_empty() {
            break;
        }
        let i = rng.below(children.len());
        path.push(i);
        node = children[i];
    }
    path
}

/// 1 to `max` edits of a JSON tree, each at a random node: replaced, a key removed, added or
/// renamed, an element removed or added, a number or string changed.
pub fn json(rng: &mut Rng, root: &mut Value, words: &[String], max: usize) {
    let word = |rng: &mut Rng| {
        if words.is_empty() || rng.one_in(3) {
            rng.pick(TEXTS).to_string()
        } else {
            rng.pick(words).clone()
        }
    };
    for _ in 0..rng.count(max) {
        let path = random_path(rng, root);
        let node = node_at(root, &path);
        let op = rng.below(4);
        let replacement = match node {
            Value::Object(m) if op == 0 && !m.is_empty() => {
                let k = m
                    .keys()
                    .nth(rng.below(m.len()))
                    .cloned()
                    .unwrap_or_default();
                let v = m.remove(&k).unwrap_or(Value::Null);
                if rng.one_in(2) {
                    m.insert(word(rng), v);
                }
                None
            }
            Value::Object(m) if op == 1 => {
                let k = word(rng);
                m.insert(k, json_value(rng, words));
                None
            }
            Value::Array(a) if op == 0 && !a.is_empty() => {
                a.remove(rng.below(a.len()));
                None
            }
            Value::Array(a) if op == 1 => {
                a.push(json_value(rng, words));
                None
            }
            Value::Number(n) if op == 2 => {
                let x = n.as_f64().unwrap_or(0.0);
                let y = match rng.below(5) {
                    0 => -x,
                    1 => x * 1e300,
                    2 => x + f64::EPSILON * x.abs().max(1.0),
                    3 => x.trunc(),
                    _ => x * 10.0,
                };
                Some(serde_json::Number::from_f64(y).map_or(Value::Null, Value::Number))
            }
            Value::String(s) if op == 2 => {
                let mut b = std::mem::take(s).into_bytes();
                bytes(rng, &mut b, &[], 3);
                Some(Value::String(String::from_utf8_lossy(&b).into_owned()))
            }
            _ => Some(json_value(rng, words)),
        };
        if let Some(v) = replacement {
            *node = v;
        }
    }
}

/// Edits of JSON text that a tree cannot hold: a key twice, a trailing comma, a comment, a BOM,
/// bytes.
pub fn json_text(rng: &mut Rng, text: &mut Vec<u8>, words: &[String]) {
    match rng.below(5) {
        0 => {
            if let Some(at) = text.iter().position(|&b| b == b'{') {
                let dup = format!("\"{}\": {},", rng.pick(words), json_value(rng, words));
                text.splice(at + 1..at + 1, dup.into_bytes());
            }
        }
        1 => {
            if let Some(at) = text.iter().rposition(|&b| b == b'}') {
                text.insert(at, b',');
            }
        }
        2 => {
            let prefix = *rng.pick(&["\u{feff}", "// c\n", " \n\t", "\u{0}"]);
            text.splice(0..0, prefix.bytes());
        }
        _ => {
            let dict: Vec<&[u8]> = [
                &b"\""[..],
                b"{",
                b"}",
                b"[",
                b"]",
                b":",
                b",",
                b"\\u0000",
                b"\\ud800",
                b"1e999",
                b"-",
                b"null",
            ]
            .to_vec();
            bytes(rng, text, &dict, 4);
        }
    }
}

/// Province and indicator ids of `model`, node ids, and the names of the fields of scenarios:
/// the words a scenario's JSON is made of.
pub fn scenario_words(models: &[&Model]) -> Vec<String> {
    let mut words: Vec<String> = [
        "schema",
        "name",
        "year",
        "province",
        "scenario",
        "values",
        "settings",
        "weights",
        "normalisation",
        "aggregation",
        "created",
        "min-max",
        "ratio-to-max",
        "goalposts",
        "arithmetic",
        "geometric",
        "ict-index-scenario/1",
        "ict-index-scenario/2",
        "ict-index-scenario/3",
        "provinces",
        "63",
        "34",
        "35",
        "u",
        "y",
        "p",
        "l",
        "s",
        "vi",
        "en",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for m in models {
        words.extend(m.provinces().iter().map(|p| p.id.clone()));
        words.extend(m.indicators().iter().map(|i| i.id.clone()));
        words.extend(m.nodes().iter().map(|n| n.id.clone()));
    }
    words.sort();
    words.dedup();
    words
}

/// A value for indicator `i`: mostly valid, sometimes at or past the bounds of its range.
pub fn indicator_value(rng: &mut Rng, model: &Model, i: usize) -> f64 {
    let [lo, hi] = model.indicators()[i].valid;
    let span = (hi - lo).min(1e6);
    match rng.below(10) {
        0 => lo,
        1 => hi,
        2 => hi + span * rng.unit() + f64::EPSILON,
        3 => lo - 1.0 - rng.unit(),
        _ => lo + span * rng.unit(),
    }
}

/// A scenario as the app makes one (value overrides and method settings), now and then with an
/// unknown id or an odd weight.
pub fn scenario(rng: &mut Rng, model: &Model) -> Scenario {
    let mut s = Scenario::default();
    let (np, ni) = (model.province_count(), model.indicators().len());
    for _ in 0..rng.below(8) {
        let i = rng.below(ni);
        let province = if rng.one_in(20) {
            "00".to_string()
        } else {
            model.provinces()[rng.below(np)].id.clone()
        };
        let v = indicator_value(rng, model, i);
        s.set(&province, &model.indicators()[i].id, v);
    }
    if rng.one_in(3) {
        for _ in 0..rng.count(3) {
            let id = if rng.one_in(2) {
                model.nodes()[rng.below(model.nodes().len())].id.clone()
            } else {
                model.indicators()[rng.below(ni)].id.clone()
            };
            let w = match rng.below(6) {
                0 => 0.0,
                1 => -1.0,
                2 => 1e308,
                _ => rng.unit() * 3.0,
            };
            s.settings.weights.insert(id, w);
        }
    }
    if rng.one_in(3) {
        s.settings.normalisation = serde_json::from_value(Value::String(
            rng.pick(&["min-max", "ratio-to-max", "goalposts"])
                .to_string(),
        ))
        .ok();
    }
    if rng.one_in(3) {
        s.settings.aggregation = serde_json::from_value(Value::String(
            rng.pick(&["arithmetic", "geometric"]).to_string(),
        ))
        .ok();
    }
    s
}
