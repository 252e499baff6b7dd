//! The typed AST the binder produces, constant folding, and evaluation
//! against one connection.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;

use super::{Subject, MAX_BUILT_BYTES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CmpOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CmpOp {
    /// OData null rules: `null eq null`, `x ne null`; ordering with null is false.
    fn apply<T: Ord + ?Sized>(self, l: Option<&T>, r: Option<&T>) -> bool {
        match (l, r) {
            (Some(l), Some(r)) => match self {
                CmpOp::Eq => l == r,
                CmpOp::Ne => l != r,
                CmpOp::Gt => l > r,
                CmpOp::Ge => l >= r,
                CmpOp::Lt => l < r,
                CmpOp::Le => l <= r,
            },
            (None, None) => self == CmpOp::Eq,
            _ => self == CmpOp::Ne,
        }
    }
}

/// A string-valued expression; `None` from [`StrExpr::eval`] is `null`.
#[derive(Debug, Clone)]
pub(super) enum StrExpr {
    Null,
    Lit(Box<str>),
    UserId,
    ConnectionId,
    ToLower(Box<StrExpr>),
    ToUpper(Box<StrExpr>),
    Trim(Box<StrExpr>),
    /// Offsets in chars, validated at bind time.
    Substring {
        s: Box<StrExpr>,
        start: usize,
        len: Option<usize>,
    },
    Concat(Box<StrExpr>, Box<StrExpr>),
}

#[derive(Debug, Clone)]
pub(super) enum IntExpr {
    Null,
    Lit(i64),
    Length(Box<StrExpr>),
    GroupCount,
    IndexOf(Box<StrExpr>, Box<StrExpr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StrTest {
    StartsWith,
    EndsWith,
    Contains,
}

/// A boolean expression; `None` from [`BoolExpr::eval`] is `null`.
#[derive(Debug, Clone)]
pub(super) enum BoolExpr {
    Const(Option<bool>),
    Not(Box<BoolExpr>),
    And(Vec<BoolExpr>),
    Or(Vec<BoolExpr>),
    /// Both operands have the same [`ScalarType`].
    Cmp {
        op: CmpOp,
        lhs: Box<Operand>,
        rhs: Box<Operand>,
    },
    /// General `x in (a, b, ...)`; all operands have the same type.
    In(Box<Operand>, Vec<Operand>),
    /// `x in ('a', 'b', ...)` with only literal strings (and nulls): the common
    /// case, answered with one hash lookup per connection.
    InSet {
        lhs: StrExpr,
        set: HashSet<Box<str>>,
        has_null: bool,
    },
    /// `x in groups`.
    InGroups(StrExpr),
    Test(StrTest, StrExpr, StrExpr),
}

/// A comparison operand.
#[derive(Debug, Clone)]
pub(super) enum Operand {
    Bool(BoolExpr),
    Int(IntExpr),
    Str(StrExpr),
}

/// An evaluated [`Operand`].
enum Value<'a> {
    Bool(Option<bool>),
    Int(Option<i64>),
    Str(Option<Cow<'a, str>>),
}

/// Used for constant folding: constants don't look at the subject.
pub(super) const NO_SUBJECT: Subject<'static> = Subject {
    connection_id: "",
    user_id: None,
    groups: &[],
};

/// What is left of [`MAX_BUILT_BYTES`] in one evaluation. Every byte copied
/// into a new string is taken from it; an operation that would need more than
/// is left gives `null` instead.
pub(super) struct Budget(Cell<usize>);

impl Budget {
    pub(super) fn new() -> Self {
        Budget(Cell::new(MAX_BUILT_BYTES))
    }

    /// Takes `bytes`, or nothing and `false` if fewer are left.
    fn take(&self, bytes: usize) -> bool {
        match self.0.get().checked_sub(bytes) {
            Some(left) => {
                self.0.set(left);
                true
            }
            None => false,
        }
    }
}

impl StrExpr {
    pub(super) fn is_const(&self) -> bool {
        matches!(self, StrExpr::Null | StrExpr::Lit(_))
    }

    /// Evaluates calls on constants once, at parse time (children are folded
    /// first, so looking one level down suffices).
    pub(super) fn fold(self) -> Self {
        let foldable = match &self {
            StrExpr::ToLower(a) | StrExpr::ToUpper(a) | StrExpr::Trim(a) => a.is_const(),
            StrExpr::Substring { s, .. } => s.is_const(),
            StrExpr::Concat(a, b) => a.is_const() && b.is_const(),
            _ => false,
        };
        if !foldable {
            return self;
        }
        let folded = match self.eval(&NO_SUBJECT, &Budget::new()) {
            Some(v) => StrExpr::Lit(v.into_owned().into_boxed_str()),
            None => StrExpr::Null,
        };
        folded
    }

    fn eval<'a>(&'a self, s: &Subject<'a>, budget: &Budget) -> Option<Cow<'a, str>> {
        match self {
            StrExpr::Null => None,
            StrExpr::Lit(v) => Some(Cow::Borrowed(v)),
            StrExpr::UserId => s.user_id.map(Cow::Borrowed),
            StrExpr::ConnectionId => Some(Cow::Borrowed(s.connection_id)),
            StrExpr::ToLower(e) => to_lower(e.eval(s, budget)?, budget),
            StrExpr::ToUpper(e) => to_upper(e.eval(s, budget)?, budget),
            StrExpr::Trim(e) => narrow(e.eval(s, budget)?, str::trim, budget),
            StrExpr::Substring { s: e, start, len } => narrow(
                e.eval(s, budget)?,
                |x| char_substring(x, *start, *len),
                budget,
            ),
            StrExpr::Concat(a, b) => {
                let a = a.eval(s, budget)?;
                let b = b.eval(s, budget)?;
                Some(if b.is_empty() {
                    a
                } else if a.is_empty() {
                    b
                } else if budget.take(a.len().saturating_add(b.len())) {
                    Cow::Owned([a.as_ref(), b.as_ref()].concat())
                } else {
                    return None;
                })
            }
        }
    }
}

impl IntExpr {
    pub(super) fn fold(self) -> Self {
        let foldable = match &self {
            IntExpr::Length(a) => a.is_const(),
            IntExpr::IndexOf(a, b) => a.is_const() && b.is_const(),
            _ => false,
        };
        if !foldable {
            return self;
        }
        match self.eval(&NO_SUBJECT, &Budget::new()) {
            Some(v) => IntExpr::Lit(v),
            None => IntExpr::Null,
        }
    }

    fn eval<'a>(&'a self, s: &Subject<'a>, budget: &Budget) -> Option<i64> {
        match self {
            IntExpr::Null => None,
            IntExpr::Lit(v) => Some(*v),
            IntExpr::Length(e) => e.eval(s, budget).map(|v| count(v.chars().count())),
            IntExpr::GroupCount => Some(count(s.groups.len())),
            IntExpr::IndexOf(a, b) => {
                let a = a.eval(s, budget)?;
                let b = b.eval(s, budget)?;
                Some(a.find(b.as_ref()).map_or(-1, |byte| {
                    count(a.get(..byte).unwrap_or_default().chars().count())
                }))
            }
        }
    }
}

impl StrTest {
    fn apply(self, a: &str, b: &str) -> bool {
        match self {
            StrTest::StartsWith => a.starts_with(b),
            StrTest::EndsWith => a.ends_with(b),
            StrTest::Contains => a.contains(b),
        }
    }
}

impl BoolExpr {
    pub(super) fn is_const_test(&self) -> bool {
        matches!(self, BoolExpr::Test(_, a, b) if a.is_const() && b.is_const())
    }

    pub(super) fn eval<'a>(&'a self, s: &Subject<'a>, budget: &Budget) -> Option<bool> {
        match self {
            BoolExpr::Const(v) => *v,
            BoolExpr::Not(e) => e.eval(s, budget).map(|b| !b),
            // Kleene logic: a definite operand decides, otherwise null wins.
            BoolExpr::And(items) => {
                let mut unknown = false;
                for item in items {
                    match item.eval(s, budget) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                (!unknown).then_some(true)
            }
            BoolExpr::Or(items) => {
                let mut unknown = false;
                for item in items {
                    match item.eval(s, budget) {
                        Some(true) => return Some(true),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                (!unknown).then_some(false)
            }
            BoolExpr::Cmp { op, lhs, rhs } => {
                Some(compare(*op, &lhs.eval(s, budget), &rhs.eval(s, budget)))
            }
            BoolExpr::In(lhs, items) => {
                let lhs = lhs.eval(s, budget);
                Some(
                    items
                        .iter()
                        .any(|item| compare(CmpOp::Eq, &lhs, &item.eval(s, budget))),
                )
            }
            BoolExpr::InSet { lhs, set, has_null } => Some(match lhs.eval(s, budget) {
                Some(v) => set.contains(v.as_ref()),
                None => *has_null,
            }),
            BoolExpr::InGroups(e) => Some(
                e.eval(s, budget)
                    .is_some_and(|v| s.groups.iter().any(|g| *g == v.as_ref())),
            ),
            BoolExpr::Test(test, a, b) => {
                let a = a.eval(s, budget)?;
                let b = b.eval(s, budget)?;
                Some(test.apply(&a, &b))
            }
        }
    }
}

impl Operand {
    fn eval<'a>(&'a self, s: &Subject<'a>, budget: &Budget) -> Value<'a> {
        match self {
            Operand::Bool(e) => Value::Bool(e.eval(s, budget)),
            Operand::Int(e) => Value::Int(e.eval(s, budget)),
            Operand::Str(e) => Value::Str(e.eval(s, budget)),
        }
    }
}

fn compare(op: CmpOp, l: &Value<'_>, r: &Value<'_>) -> bool {
    match (l, r) {
        (Value::Bool(a), Value::Bool(b)) => op.apply(a.as_ref(), b.as_ref()),
        (Value::Int(a), Value::Int(b)) => op.apply(a.as_ref(), b.as_ref()),
        (Value::Str(a), Value::Str(b)) => op.apply(a.as_deref(), b.as_deref()),
        // The binder only pairs operands of the same type.
        _ => false,
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Applies a sub-slicing function without allocating for borrowed input.
fn narrow<'a>(
    v: Cow<'a, str>,
    f: impl for<'x> Fn(&'x str) -> &'x str,
    budget: &Budget,
) -> Option<Cow<'a, str>> {
    match v {
        Cow::Borrowed(b) => Some(Cow::Borrowed(f(b))),
        Cow::Owned(o) => {
            let part = f(&o);
            budget.take(part.len()).then(|| Cow::Owned(part.to_owned()))
        }
    }
}

/// `tolower`, borrowing when nothing would change (the common case).
fn to_lower<'a>(v: Cow<'a, str>, budget: &Budget) -> Option<Cow<'a, str>> {
    let unchanged = v.chars().all(|c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    });
    if unchanged {
        Some(v)
    } else {
        rebuild(&v, str::to_lowercase, budget)
    }
}

/// `toupper`, borrowing when nothing would change.
fn to_upper<'a>(v: Cow<'a, str>, budget: &Budget) -> Option<Cow<'a, str>> {
    let unchanged = v.chars().all(|c| {
        let mut upper = c.to_uppercase();
        upper.next() == Some(c) && upper.next().is_none()
    });
    if unchanged {
        Some(v)
    } else {
        rebuild(&v, str::to_uppercase, budget)
    }
}

/// A case mapping of `v`, paid for: the input size up front, then what the
/// mapping added (a char can map to up to three).
fn rebuild<'a>(v: &str, map: fn(&str) -> String, budget: &Budget) -> Option<Cow<'a, str>> {
    if !budget.take(v.len()) {
        return None;
    }
    let out = map(v);
    budget
        .take(out.len().saturating_sub(v.len()))
        .then_some(Cow::Owned(out))
}

/// Byte offset of the `n`th char of `s` (`s.len()` for `n == char count`).
fn char_offset(s: &str, n: usize) -> Option<usize> {
    s.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()))
        .nth(n)
}

/// OData `substring` in chars, clamped to the string: never panics.
fn char_substring(s: &str, start: usize, len: Option<usize>) -> &str {
    let Some(from) = char_offset(s, start) else {
        return "";
    };
    let rest = s.get(from..).unwrap_or_default();
    match len {
        None => rest,
        Some(n) => {
            let to = char_offset(rest, n).unwrap_or(rest.len());
            rest.get(..to).unwrap_or(rest)
        }
    }
}
