//! OData `filter` expressions as accepted by Azure Web PubSub: the `filter`
//! query of `:send` (to all, a group or a user) and the `filter` body field of
//! `:addToGroups` / `:removeFromGroups`.
//!
//! Reference: `articles/azure-web-pubsub/reference-odata-filter.md` and
//! `includes/filter.ebnf` in `MicrosoftDocs/azure-docs`.
//!
//! # Pipeline
//!
//! `Lexer` → recursive-descent `Parser` (untyped syntax tree with character
//! spans) → `Binder` (name resolution, type checking, constant folding) →
//! typed AST (`BoolExpr`) that [`Filter::matches`] evaluates once per
//! connection without re-parsing and, for plain identifiers and literals,
//! without allocating. Parsing and binding are separate passes so that a syntax
//! error anywhere wins over a semantic one, as with the live service, which
//! rejects `invalid filter` at position 14 rather than at the unknown `invalid`.
//!
//! # Grammar
//!
//! ```text
//! filter   = or_expr END
//! or_expr  = and_expr *( "or" and_expr )
//! and_expr = cmp_expr *( "and" cmp_expr )
//! cmp_expr = unary [ cmp_op unary | "in" in_rhs ]     ; non-associative
//! unary    = "not" unary | primary                    ; `not` binds tightest
//! primary  = literal | identifier | call | "(" or_expr ")"
//! call     = name "(" [ or_expr *( "," or_expr ) ] ")"
//! in_rhs   = "(" or_expr *( "," or_expr ) ")" | primary
//! cmp_op   = "eq" | "ne" | "gt" | "ge" | "lt" | "le"
//! literal  = "'" *( non-quote | "''" ) "'" | [ "+" | "-" ] 1*DIGIT
//!          | "true" | "false" | "null"
//! ```
//!
//! Where the published EBNF is ambiguous or stricter than needed:
//!
//! * Identifiers (`userId`, `connectionId`, `groups`), keywords and function
//!   names are matched ASCII-case-insensitively. Values compare ordinally and
//!   case-sensitively (`tolower`/`toupper` exist for that).
//! * The two published forms of `in` are both accepted: `x in ('a','b')`,
//!   `'g' in groups`, `'g' in (groups)` and `'g' in ((groups))`. A
//!   parenthesised list with a single collection element means membership.
//! * Comparisons are non-associative, as in the EBNF (`a eq b eq c` is a syntax
//!   error), but either operand may be any unary expression, so
//!   `(userId eq 'a') eq true` and `startswith(userId,'a') ne false` work.
//! * `in` list elements and function arguments may be any expression of the
//!   right type (nested calls, identifiers, `null`), not only literals;
//!   `substring` offsets must be constant non-negative integers, as the EBNF's
//!   `integer_literal` requires (constant calls such as `length('ab')` fold).
//! * Ordering operators work on strings (ordinal), integers and booleans;
//!   operands of a comparison must have the same type, or one may be `null`.
//! * Integers are `i64`. Lengths and offsets count Unicode scalar values
//!   (`char`s), not UTF-16 code units as .NET does; ASCII behaves identically.
//! * Null semantics follow OData: functions of `null` are `null`; `eq`/`ne`
//!   treat `null` as a value (`null eq null`); `gt ge lt le` with a `null`
//!   operand are false; `and`/`or`/`not` use three-valued (Kleene) logic; a
//!   filter that evaluates to `null` does not match. A bare `null` is accepted
//!   wherever a boolean is expected.
//!
//! # Errors and positions
//!
//! Every message has the service's shape,
//! `Invalid syntax for '<text>': <detail>. (Parameter 'filter')`, and every
//! position counts characters (not bytes) from 0.
//!
//! * Syntax errors report the position just past the offending token, i.e.
//!   where the lexer stands when the parser rejects the token. That is the
//!   convention of Microsoft.OData's expression lexer, whose wording
//!   ("Syntax error at position N in '...'") the service's messages use, and
//!   it reproduces the live service's `invalid filter` → 14 (the offending
//!   token is `filter`, chars 8..14). So `x y` → 3, and a missing token is
//!   reported at the end of the input. An unterminated string is a token
//!   running to the end of input. A character that cannot start any token is
//!   reported at its own position (the lexer could not move past it).
//! * Semantic errors (unknown identifier or function, wrong argument count,
//!   integer overflow, invalid `substring` offset) report the start of the
//!   offending expression.
//! * Type errors quote the expression whose operator rejected an operand and
//!   report the operand's start: `not length(userId) gt 5` gives
//!   `Invalid syntax for 'not length(userId)': Type 'int', expect 'bool'.`
//!   at position 4. (The service's documented message says `Type 'null'`
//!   there; this module names the operand's static type.)
//!
//! # Bounds
//!
//! Hostile filters cost little: [`MAX_FILTER_LEN`] characters,
//! [`MAX_DEPTH`] levels of nesting (so no input can overflow the stack) and
//! [`MAX_BUILT_BYTES`] of strings built per evaluation. Lexing and parsing
//! never backtrack, and string tests use the standard library's linear
//! searches.
//!
//! # Modules
//!
//! `lexer` (characters → tokens), `parser` (tokens → syntax tree, keywords),
//! `binder` (syntax tree → typed AST, functions), `eval` (typed AST → match).

mod binder;
mod eval;
mod lexer;
mod parser;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use binder::Binder;
use eval::{BoolExpr, Budget};
use parser::{Node, Parser};

/// Longest accepted filter, in characters. Generous for real filters (a
/// 100-user `in` list fits), small enough that parse time and the size of
/// error messages stay trivial.
pub const MAX_FILTER_LEN: usize = 8192;

/// Deepest accepted nesting of parentheses, `not`, function calls and `in`
/// lists. Bounds the recursion of the parser, binder and evaluator so that no
/// input can overflow the stack: the deepest filters need well under 1 MiB
/// of stack even in debug builds (a test checks this), and far less in
/// release builds.
pub const MAX_DEPTH: usize = 100;

/// Most bytes of new strings (`concat`, case changes, cuts of built strings)
/// one evaluation may build; a function whose result would go past it is
/// `null`. Without it, nesting multiplies work: 50 levels of
/// `toupper(concat(userId, tolower(concat(userId, …))))` copy the growing
/// string at every level. With it, evaluating a filter costs at most its
/// length times the subject's strings (scanning them) plus this budget.
/// Generous for real filters: twice the largest literal (8192 four-byte
/// chars), and more than any case change of one can grow to.
pub const MAX_BUILT_BYTES: usize = 64 * 1024;

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// A parsed, type-checked filter expression.
#[derive(Debug, Clone)]
pub struct Filter {
    root: BoolExpr,
}

/// Why a filter was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// 0-based character position (in chars, not bytes) where the problem is.
    pub position: usize,
    /// Full message, e.g.
    /// "Invalid syntax for 'x y': Syntax error at position 3 in 'x y'. (Parameter 'filter')"
    pub message: String,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FilterError {}

/// What a filter is evaluated against: one connection.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub connection_id: &'a str,
    pub user_id: Option<&'a str>,
    pub groups: &'a [&'a str],
}

/// Parses and type-checks `src`.
pub fn parse(src: &str) -> Result<Filter, FilterError> {
    // Bounded count: never walk more of a huge input than needed to reject it.
    if src.chars().take(MAX_FILTER_LEN + 1).count() > MAX_FILTER_LEN {
        return Err(too_long(src));
    }
    let tree = Parser::new(src).parse_filter()?;
    let binder = Binder { src };
    let typed = binder.bind(&tree)?;
    let root = binder.to_bool(&tree, &tree, typed)?;
    Ok(Filter { root })
}

impl Filter {
    /// Whether the connection described by `subject` is selected.
    pub fn matches(&self, subject: &Subject<'_>) -> bool {
        self.root.eval(subject, &Budget::new()) == Some(true)
    }
}

impl FromStr for Filter {
    type Err = FilterError;

    fn from_str(src: &str) -> Result<Self, Self::Err> {
        parse(src)
    }
}

type PResult<T> = Result<T, FilterError>;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// An error whose detail names a position in the whole filter.
fn error_at(src: &str, position: usize, detail: &str) -> FilterError {
    FilterError {
        position,
        message: format!(
            "Invalid syntax for '{src}': {detail} at position {position} in '{src}'. (Parameter 'filter')"
        ),
    }
}

fn syntax_error(src: &str, position: usize) -> FilterError {
    error_at(src, position, "Syntax error")
}

/// `outer` is the expression whose operator rejected `operand`.
fn type_error(
    src: &str,
    outer: &Node<'_>,
    operand: &Node<'_>,
    found: &str,
    expected: &str,
) -> FilterError {
    let text: String = src
        .chars()
        .skip(outer.start)
        .take(outer.end.saturating_sub(outer.start))
        .collect();
    FilterError {
        position: operand.start,
        message: format!(
            "Invalid syntax for '{text}': Type '{found}', expect '{expected}'. (Parameter 'filter')"
        ),
    }
}

fn too_long(src: &str) -> FilterError {
    // Don't echo an arbitrarily large input back into the response.
    let head: String = src.chars().take(32).collect();
    FilterError {
        position: MAX_FILTER_LEN,
        message: format!(
            "Invalid syntax for '{head}...': The filter exceeds the maximum length of {MAX_FILTER_LEN} characters. (Parameter 'filter')"
        ),
    }
}
