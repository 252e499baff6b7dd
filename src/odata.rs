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

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::iter::Peekable;
use std::str::{CharIndices, FromStr};

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
        self.root.eval(subject) == Some(true)
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

// ---------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'s> {
    /// Identifier, keyword or function name (classified by the parser).
    Ident(&'s str),
    /// String literal body, quotes stripped, `''` still doubled.
    Str(&'s str),
    /// Integer literal including its optional sign.
    Int(&'s str),
    LParen,
    RParen,
    Comma,
    End,
    /// Stands for a lexical error (see `Parser::lex_error`).
    Error,
}

/// A token and its character span `[start, end)`.
#[derive(Debug, Clone, Copy)]
struct Token<'s> {
    tok: Tok<'s>,
    start: usize,
    end: usize,
}

/// Produces tokens on demand, so that a syntax error is reported before a
/// lexical error further right (as the OData lexer does).
struct Lexer<'s> {
    src: &'s str,
    chars: Peekable<CharIndices<'s>>,
    /// Character index of the next unread char.
    pos: usize,
}

impl<'s> Lexer<'s> {
    fn new(src: &'s str) -> Self {
        Lexer {
            src,
            chars: src.char_indices().peekable(),
            pos: 0,
        }
    }

    fn bump(&mut self) -> Option<(usize, char)> {
        let next = self.chars.next();
        if next.is_some() {
            self.pos += 1;
        }
        next
    }

    fn bump_if(&mut self, pred: impl Fn(char) -> bool) -> bool {
        let taken = self.chars.next_if(|&(_, c)| pred(c)).is_some();
        if taken {
            self.pos += 1;
        }
        taken
    }

    /// Byte offset of the next unread char.
    fn byte_pos(&mut self) -> usize {
        self.chars.peek().map_or(self.src.len(), |&(b, _)| b)
    }

    fn slice(&self, from: usize, to: usize) -> &'s str {
        // Offsets come from `char_indices`, so `get` cannot fail; it just
        // keeps this panic-free by construction.
        self.src.get(from..to).unwrap_or_default()
    }

    fn next_token(&mut self) -> PResult<Token<'s>> {
        while self.bump_if(char::is_whitespace) {}
        let start = self.pos;
        let Some((begin, c)) = self.bump() else {
            return Ok(Token {
                tok: Tok::End,
                start,
                end: start,
            });
        };
        let tok = match c {
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            '\'' => {
                loop {
                    match self.bump() {
                        None => {
                            return Err(error_at(
                                self.src,
                                self.pos,
                                "There is an unterminated string literal",
                            ))
                        }
                        // `''` is an escaped quote; a lone `'` closes.
                        Some((_, '\'')) if !self.bump_if(|c| c == '\'') => break,
                        Some(_) => {}
                    }
                }
                let end = self.byte_pos();
                Tok::Str(self.slice(begin + 1, end.saturating_sub(1)))
            }
            '+' | '-' | '0'..='9' => {
                if !c.is_ascii_digit() && !self.bump_if(|c| c.is_ascii_digit()) {
                    return Err(invalid_char(self.src, start, c));
                }
                while self.bump_if(|c| c.is_ascii_digit()) {}
                let end = self.byte_pos();
                Tok::Int(self.slice(begin, end))
            }
            c if c.is_alphabetic() || c == '_' => {
                while self.bump_if(|c| c.is_alphanumeric() || c == '_') {}
                let end = self.byte_pos();
                Tok::Ident(self.slice(begin, end))
            }
            other => return Err(invalid_char(self.src, start, other)),
        };
        Ok(Token {
            tok,
            start,
            end: self.pos,
        })
    }
}

fn invalid_char(src: &str, position: usize, c: char) -> FilterError {
    error_at(
        src,
        position,
        &format!("Syntax error: character '{c}' is not valid"),
    )
}

// ---------------------------------------------------------------------------
// Keywords, identifiers, functions
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CmpOp {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    And,
    Or,
    Not,
    In,
    True,
    False,
    Null,
    Cmp(CmpOp),
}

const KEYWORDS: [(&str, Keyword); 13] = [
    ("and", Keyword::And),
    ("or", Keyword::Or),
    ("not", Keyword::Not),
    ("in", Keyword::In),
    ("true", Keyword::True),
    ("false", Keyword::False),
    ("null", Keyword::Null),
    ("eq", Keyword::Cmp(CmpOp::Eq)),
    ("ne", Keyword::Cmp(CmpOp::Ne)),
    ("gt", Keyword::Cmp(CmpOp::Gt)),
    ("ge", Keyword::Cmp(CmpOp::Ge)),
    ("lt", Keyword::Cmp(CmpOp::Lt)),
    ("le", Keyword::Cmp(CmpOp::Le)),
];

fn keyword(word: &str) -> Option<Keyword> {
    KEYWORDS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(word))
        .map(|&(_, kw)| kw)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Func {
    ToLower,
    ToUpper,
    Trim,
    Substring,
    Concat,
    IndexOf,
    Length,
    StartsWith,
    EndsWith,
    Contains,
}

const FUNCTIONS: [(&str, Func); 10] = [
    ("tolower", Func::ToLower),
    ("toupper", Func::ToUpper),
    ("trim", Func::Trim),
    ("substring", Func::Substring),
    ("concat", Func::Concat),
    ("indexof", Func::IndexOf),
    ("length", Func::Length),
    ("startswith", Func::StartsWith),
    ("endswith", Func::EndsWith),
    ("contains", Func::Contains),
];

impl Func {
    fn lookup(name: &str) -> Option<Func> {
        FUNCTIONS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, f)| f)
    }

    fn name(self) -> &'static str {
        FUNCTIONS
            .iter()
            .find(|&&(_, f)| f == self)
            .map_or("?", |&(n, _)| n)
    }

    /// Accepted argument counts, inclusive.
    fn arity(self) -> (usize, usize) {
        match self {
            Func::ToLower | Func::ToUpper | Func::Trim | Func::Length => (1, 1),
            Func::Substring => (2, 3),
            _ => (2, 2),
        }
    }
}

// ---------------------------------------------------------------------------
// Parser: tokens → untyped syntax tree
// ---------------------------------------------------------------------------

/// Untyped syntax tree node with its character span `[start, end)`.
#[derive(Debug)]
struct Node<'s> {
    kind: NodeKind<'s>,
    start: usize,
    end: usize,
}

#[derive(Debug)]
enum NodeKind<'s> {
    Or(Vec<Node<'s>>),
    And(Vec<Node<'s>>),
    Not(Box<Node<'s>>),
    Cmp(CmpOp, Box<Node<'s>>, Box<Node<'s>>),
    In(Box<Node<'s>>, InRhs<'s>),
    Call { name: &'s str, args: Vec<Node<'s>> },
    Leaf(Leaf<'s>),
}

#[derive(Debug)]
enum Leaf<'s> {
    Ident(&'s str),
    /// Unescaped.
    Str(String),
    /// Digits with optional sign, range-checked by the binder.
    Int(&'s str),
    Bool(bool),
    Null,
}

#[derive(Debug)]
enum InRhs<'s> {
    /// `in ( a, b, ... )`
    List(Vec<Node<'s>>),
    /// `in groups`
    Expr(Box<Node<'s>>),
}

struct Parser<'s> {
    src: &'s str,
    lexer: Lexer<'s>,
    /// One-token lookahead.
    cur: Token<'s>,
    /// Set together with `cur = Tok::Error`. The parser never consumes an
    /// error token, so the lexical error surfaces exactly when the parser
    /// gets to it, and `advance` needs no `?` (which keeps the debug-build
    /// stack frames of the recursive functions small).
    lex_error: Option<FilterError>,
    /// End of the last consumed token: where the node being built ends.
    prev_end: usize,
    depth: usize,
}

impl<'s> Parser<'s> {
    fn new(src: &'s str) -> Self {
        let mut parser = Parser {
            src,
            lexer: Lexer::new(src),
            cur: Token {
                tok: Tok::End,
                start: 0,
                end: 0,
            },
            lex_error: None,
            prev_end: 0,
            depth: 0,
        };
        parser.advance();
        parser.prev_end = 0;
        parser
    }

    fn advance(&mut self) {
        self.prev_end = self.cur.end;
        self.cur = match self.lexer.next_token() {
            Ok(token) => token,
            Err(e) => {
                let at = e.position;
                self.lex_error = Some(e);
                Token {
                    tok: Tok::Error,
                    start: at,
                    end: at,
                }
            }
        };
    }

    /// Rejects the current token.
    fn fail<T>(&self) -> PResult<T> {
        Err(match &self.lex_error {
            Some(e) => e.clone(),
            None => syntax_error(self.src, self.cur.end),
        })
    }

    fn keyword(&self) -> Option<Keyword> {
        match self.cur.tok {
            Tok::Ident(word) => keyword(word),
            _ => None,
        }
    }

    /// Enters one nesting level, refusing to exceed [`MAX_DEPTH`]. No
    /// matching [`Parser::leave`] is needed on error: parsing stops there.
    fn enter(&mut self) -> PResult<()> {
        if self.depth >= MAX_DEPTH {
            return Err(error_at(
                self.src,
                self.prev_end,
                &format!("The filter is nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn parse_filter(mut self) -> PResult<Node<'s>> {
        let node = self.parse_expr()?;
        if self.cur.tok == Tok::End {
            Ok(node)
        } else {
            self.fail()
        }
    }

    // Stack use: the recursive functions (parse_expr, parse_cmp,
    // parse_unary, parse_primary, parse_paren, parse_name, parse_list) only
    // recurse and delegate node building to small non-recursive helpers;
    // `and`/`or` chains and runs of `not` are loops. Debug builds reserve a
    // stack slot for every temporary, so this is what keeps MAX_DEPTH levels
    // well inside a 2 MiB thread stack (see `deep_nesting_fits_in_one_mib_of_stack`).

    /// `or` of `and`s of comparisons, each chain flattened into one n-ary node.
    fn parse_expr(&mut self) -> PResult<Node<'s>> {
        let mut chain = Chain::default();
        loop {
            let operand = self.parse_cmp()?;
            match self.keyword() {
                Some(Keyword::And) => chain.and(operand),
                Some(Keyword::Or) => chain.or(operand),
                _ => return Ok(chain.finish(operand)),
            }
            self.advance();
        }
    }

    fn parse_cmp(&mut self) -> PResult<Node<'s>> {
        let lhs = self.parse_unary()?;
        match self.keyword() {
            Some(Keyword::Cmp(op)) => {
                self.advance();
                let rhs = self.parse_unary()?;
                Ok(self.node_from(lhs.start, |l| NodeKind::Cmp(op, l, Box::new(rhs)), lhs))
            }
            Some(Keyword::In) => {
                self.advance();
                let rhs = if self.cur.tok == Tok::LParen {
                    self.advance();
                    InRhs::List(self.parse_list(false)?)
                } else {
                    InRhs::Expr(Box::new(self.parse_primary()?))
                };
                Ok(self.node_from(lhs.start, |l| NodeKind::In(l, rhs), lhs))
            }
            _ => Ok(lhs),
        }
    }

    /// `not* primary`; each `not` counts as a nesting level.
    fn parse_unary(&mut self) -> PResult<Node<'s>> {
        let mut nots = Vec::new();
        while self.keyword() == Some(Keyword::Not) {
            nots.push(self.cur.start);
            self.advance();
            self.enter()?;
        }
        let operand = self.parse_primary()?;
        Ok(self.wrap_nots(nots, operand))
    }

    fn parse_primary(&mut self) -> PResult<Node<'s>> {
        match self.cur.tok {
            Tok::LParen => self.parse_paren(),
            Tok::Ident(word) if keyword(word).is_none() => self.parse_name(word),
            _ => self.parse_literal(),
        }
    }

    fn parse_paren(&mut self) -> PResult<Node<'s>> {
        let start = self.cur.start;
        self.advance();
        self.enter()?;
        let inner = self.parse_expr()?;
        self.leave();
        if self.cur.tok != Tok::RParen {
            return self.fail();
        }
        self.advance();
        // Keep the inner node but widen its span over the parentheses.
        Ok(Node {
            kind: inner.kind,
            start,
            end: self.prev_end,
        })
    }

    /// An identifier, or a function call if `(` follows.
    fn parse_name(&mut self, name: &'s str) -> PResult<Node<'s>> {
        let start = self.cur.start;
        self.advance();
        if self.cur.tok != Tok::LParen {
            return Ok(self.node(start, NodeKind::Leaf(Leaf::Ident(name))));
        }
        self.advance();
        let args = self.parse_list(true)?;
        Ok(self.node(start, NodeKind::Call { name, args }))
    }

    /// A literal; anything else cannot start an operand.
    fn parse_literal(&mut self) -> PResult<Node<'s>> {
        let start = self.cur.start;
        let kind = match self.cur.tok {
            Tok::Str(raw) => Leaf::Str(raw.replace("''", "'")),
            Tok::Int(digits) => Leaf::Int(digits),
            Tok::Ident(word) => match keyword(word) {
                Some(Keyword::True) => Leaf::Bool(true),
                Some(Keyword::False) => Leaf::Bool(false),
                Some(Keyword::Null) => Leaf::Null,
                _ => return self.fail(),
            },
            Tok::LParen | Tok::RParen | Tok::Comma | Tok::End | Tok::Error => return self.fail(),
        };
        self.advance();
        Ok(self.node(start, NodeKind::Leaf(kind)))
    }

    /// Comma-separated expressions after an already consumed `(`, through the
    /// closing `)`: one nesting level.
    fn parse_list(&mut self, allow_empty: bool) -> PResult<Vec<Node<'s>>> {
        self.enter()?;
        let mut items = Vec::new();
        if !(allow_empty && self.cur.tok == Tok::RParen) {
            loop {
                items.push(self.parse_expr()?);
                match self.cur.tok {
                    Tok::Comma => self.advance(),
                    Tok::RParen => break,
                    _ => return self.fail(),
                }
            }
        }
        self.advance();
        self.leave();
        Ok(items)
    }

    /// A node from `start` to the end of the last consumed token.
    fn node(&self, start: usize, kind: NodeKind<'s>) -> Node<'s> {
        Node {
            kind,
            start,
            end: self.prev_end,
        }
    }

    /// A node built around an already parsed left operand.
    fn node_from(
        &self,
        start: usize,
        make: impl FnOnce(Box<Node<'s>>) -> NodeKind<'s>,
        lhs: Node<'s>,
    ) -> Node<'s> {
        self.node(start, make(Box::new(lhs)))
    }

    fn wrap_nots(&mut self, nots: Vec<usize>, operand: Node<'s>) -> Node<'s> {
        let end = operand.end;
        nots.into_iter().rev().fold(operand, |node, start| {
            self.leave();
            Node {
                kind: NodeKind::Not(Box::new(node)),
                start,
                end,
            }
        })
    }
}

/// Accumulates `a and b or c and d ...` as or-of-ands while parsing.
#[derive(Default)]
struct Chain<'s> {
    disjuncts: Vec<Node<'s>>,
    conjuncts: Vec<Node<'s>>,
}

impl<'s> Chain<'s> {
    fn and(&mut self, operand: Node<'s>) {
        self.conjuncts.push(operand);
    }

    fn or(&mut self, operand: Node<'s>) {
        self.conjuncts.push(operand);
        let conjuncts = std::mem::take(&mut self.conjuncts);
        self.disjuncts.push(flatten(conjuncts, NodeKind::And));
    }

    fn finish(mut self, last: Node<'s>) -> Node<'s> {
        if self.disjuncts.is_empty() && self.conjuncts.is_empty() {
            return last;
        }
        self.conjuncts.push(last);
        self.disjuncts.push(flatten(self.conjuncts, NodeKind::And));
        flatten(self.disjuncts, NodeKind::Or)
    }
}

/// Wraps `items` (never empty) in an n-ary node unless there is just one.
fn flatten<'s>(mut items: Vec<Node<'s>>, make: fn(Vec<Node<'s>>) -> NodeKind<'s>) -> Node<'s> {
    if items.len() == 1 {
        if let Some(only) = items.pop() {
            return only;
        }
    }
    let start = items.first().map_or(0, |n| n.start);
    let end = items.last().map_or(0, |n| n.end);
    Node {
        kind: make(items),
        start,
        end,
    }
}

// ---------------------------------------------------------------------------
// Typed AST and evaluation
// ---------------------------------------------------------------------------

/// A string-valued expression; `None` from [`StrExpr::eval`] is `null`.
#[derive(Debug, Clone)]
enum StrExpr {
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
enum IntExpr {
    Null,
    Lit(i64),
    Length(Box<StrExpr>),
    GroupCount,
    IndexOf(Box<StrExpr>, Box<StrExpr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StrTest {
    StartsWith,
    EndsWith,
    Contains,
}

/// A boolean expression; `None` from [`BoolExpr::eval`] is `null`.
#[derive(Debug, Clone)]
enum BoolExpr {
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
enum Operand {
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
const NO_SUBJECT: Subject<'static> = Subject {
    connection_id: "",
    user_id: None,
    groups: &[],
};

impl StrExpr {
    fn is_const(&self) -> bool {
        matches!(self, StrExpr::Null | StrExpr::Lit(_))
    }

    /// Evaluates calls on constants once, at parse time (children are folded
    /// first, so looking one level down suffices).
    fn fold(self) -> Self {
        let foldable = match &self {
            StrExpr::ToLower(a) | StrExpr::ToUpper(a) | StrExpr::Trim(a) => a.is_const(),
            StrExpr::Substring { s, .. } => s.is_const(),
            StrExpr::Concat(a, b) => a.is_const() && b.is_const(),
            _ => false,
        };
        if !foldable {
            return self;
        }
        let folded = match self.eval(&NO_SUBJECT) {
            Some(v) => StrExpr::Lit(v.into_owned().into_boxed_str()),
            None => StrExpr::Null,
        };
        folded
    }

    fn eval<'a>(&'a self, s: &Subject<'a>) -> Option<Cow<'a, str>> {
        match self {
            StrExpr::Null => None,
            StrExpr::Lit(v) => Some(Cow::Borrowed(v)),
            StrExpr::UserId => s.user_id.map(Cow::Borrowed),
            StrExpr::ConnectionId => Some(Cow::Borrowed(s.connection_id)),
            StrExpr::ToLower(e) => e.eval(s).map(to_lower),
            StrExpr::ToUpper(e) => e.eval(s).map(to_upper),
            StrExpr::Trim(e) => e.eval(s).map(|v| narrow(v, str::trim)),
            StrExpr::Substring { s: e, start, len } => e
                .eval(s)
                .map(|v| narrow(v, |x| char_substring(x, *start, *len))),
            StrExpr::Concat(a, b) => {
                let a = a.eval(s)?;
                let b = b.eval(s)?;
                Some(if b.is_empty() {
                    a
                } else if a.is_empty() {
                    b
                } else {
                    Cow::Owned([a.as_ref(), b.as_ref()].concat())
                })
            }
        }
    }
}

impl IntExpr {
    fn fold(self) -> Self {
        let foldable = match &self {
            IntExpr::Length(a) => a.is_const(),
            IntExpr::IndexOf(a, b) => a.is_const() && b.is_const(),
            _ => false,
        };
        if !foldable {
            return self;
        }
        match self.eval(&NO_SUBJECT) {
            Some(v) => IntExpr::Lit(v),
            None => IntExpr::Null,
        }
    }

    fn eval<'a>(&'a self, s: &Subject<'a>) -> Option<i64> {
        match self {
            IntExpr::Null => None,
            IntExpr::Lit(v) => Some(*v),
            IntExpr::Length(e) => e.eval(s).map(|v| count(v.chars().count())),
            IntExpr::GroupCount => Some(count(s.groups.len())),
            IntExpr::IndexOf(a, b) => {
                let a = a.eval(s)?;
                let b = b.eval(s)?;
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
    fn is_const_test(&self) -> bool {
        matches!(self, BoolExpr::Test(_, a, b) if a.is_const() && b.is_const())
    }

    fn eval<'a>(&'a self, s: &Subject<'a>) -> Option<bool> {
        match self {
            BoolExpr::Const(v) => *v,
            BoolExpr::Not(e) => e.eval(s).map(|b| !b),
            // Kleene logic: a definite operand decides, otherwise null wins.
            BoolExpr::And(items) => {
                let mut unknown = false;
                for item in items {
                    match item.eval(s) {
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
                    match item.eval(s) {
                        Some(true) => return Some(true),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                (!unknown).then_some(false)
            }
            BoolExpr::Cmp { op, lhs, rhs } => Some(compare(*op, &lhs.eval(s), &rhs.eval(s))),
            BoolExpr::In(lhs, items) => {
                let lhs = lhs.eval(s);
                Some(
                    items
                        .iter()
                        .any(|item| compare(CmpOp::Eq, &lhs, &item.eval(s))),
                )
            }
            BoolExpr::InSet { lhs, set, has_null } => Some(match lhs.eval(s) {
                Some(v) => set.contains(v.as_ref()),
                None => *has_null,
            }),
            BoolExpr::InGroups(e) => Some(
                e.eval(s)
                    .is_some_and(|v| s.groups.iter().any(|g| *g == v.as_ref())),
            ),
            BoolExpr::Test(test, a, b) => {
                let a = a.eval(s)?;
                let b = b.eval(s)?;
                Some(test.apply(&a, &b))
            }
        }
    }
}

impl Operand {
    fn eval<'a>(&'a self, s: &Subject<'a>) -> Value<'a> {
        match self {
            Operand::Bool(e) => Value::Bool(e.eval(s)),
            Operand::Int(e) => Value::Int(e.eval(s)),
            Operand::Str(e) => Value::Str(e.eval(s)),
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
fn narrow<'a>(v: Cow<'a, str>, f: impl for<'x> Fn(&'x str) -> &'x str) -> Cow<'a, str> {
    match v {
        Cow::Borrowed(b) => Cow::Borrowed(f(b)),
        Cow::Owned(o) => Cow::Owned(f(&o).to_owned()),
    }
}

/// `tolower`, borrowing when nothing would change (the common case).
fn to_lower(v: Cow<'_, str>) -> Cow<'_, str> {
    let unchanged = v.chars().all(|c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    });
    if unchanged {
        v
    } else {
        Cow::Owned(v.to_lowercase())
    }
}

/// `toupper`, borrowing when nothing would change.
fn to_upper(v: Cow<'_, str>) -> Cow<'_, str> {
    let unchanged = v.chars().all(|c| {
        let mut upper = c.to_uppercase();
        upper.next() == Some(c) && upper.next().is_none()
    });
    if unchanged {
        v
    } else {
        Cow::Owned(v.to_uppercase())
    }
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

// ---------------------------------------------------------------------------
// Binder: syntax tree → typed AST
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScalarType {
    Bool,
    Int,
    Str,
}

impl ScalarType {
    fn name(self) -> &'static str {
        match self {
            ScalarType::Bool => "bool",
            ScalarType::Int => "int",
            ScalarType::Str => "string",
        }
    }
}

/// A bound expression of any type.
enum Typed {
    Bool(BoolExpr),
    Int(IntExpr),
    Str(StrExpr),
    /// The `null` literal, which takes the type its context needs.
    Null,
    /// The `groups` collection, only usable with `in` and `length`.
    Groups,
}

impl Typed {
    fn type_name(&self) -> &'static str {
        match self {
            Typed::Bool(_) => "bool",
            Typed::Int(_) => "int",
            Typed::Str(_) => "string",
            Typed::Null => "null",
            Typed::Groups => "collection",
        }
    }

    fn scalar_type(&self) -> Option<ScalarType> {
        match self {
            Typed::Bool(_) => Some(ScalarType::Bool),
            Typed::Int(_) => Some(ScalarType::Int),
            Typed::Str(_) => Some(ScalarType::Str),
            Typed::Null | Typed::Groups => None,
        }
    }
}

struct Binder<'s> {
    src: &'s str,
}

// The functions on the recursion path (`bind` and the `bind_*` it
// dispatches to) only bind children and delegate everything else to
// non-recursive `build_*`/`to_*` helpers. That keeps their debug-build stack
// frames small, so MAX_DEPTH levels stay far below a 2 MiB thread stack.
impl Binder<'_> {
    fn bind(&self, node: &Node<'_>) -> PResult<Typed> {
        match &node.kind {
            NodeKind::Or(items) | NodeKind::And(items) => self.bind_logic(node, items),
            NodeKind::Not(operand) => self.bind_not(node, operand),
            NodeKind::Cmp(op, lhs, rhs) => self.bind_cmp(node, *op, lhs, rhs),
            NodeKind::In(lhs, rhs) => self.bind_in(node, lhs, rhs),
            NodeKind::Call { name, args } => self.bind_call(node, name, args),
            NodeKind::Leaf(leaf) => self.leaf(node, leaf),
        }
    }

    fn bind_logic(&self, node: &Node<'_>, items: &[Node<'_>]) -> PResult<Typed> {
        let mut operands = Vec::with_capacity(items.len());
        for item in items {
            let typed = self.bind(item)?;
            operands.push(self.to_bool(node, item, typed)?);
        }
        Ok(Typed::Bool(match node.kind {
            NodeKind::And(_) => BoolExpr::And(operands),
            _ => BoolExpr::Or(operands),
        }))
    }

    fn bind_not(&self, node: &Node<'_>, operand: &Node<'_>) -> PResult<Typed> {
        let typed = self.bind(operand)?;
        let operand = self.to_bool(node, operand, typed)?;
        Ok(Typed::Bool(BoolExpr::Not(Box::new(operand))))
    }

    fn bind_cmp(
        &self,
        node: &Node<'_>,
        op: CmpOp,
        lhs: &Node<'_>,
        rhs: &Node<'_>,
    ) -> PResult<Typed> {
        let l = self.bind(lhs)?;
        let r = self.bind(rhs)?;
        self.build_cmp(node, op, (lhs, l), (rhs, r))
    }

    fn bind_in(&self, node: &Node<'_>, lhs: &Node<'_>, rhs: &InRhs<'_>) -> PResult<Typed> {
        let l = self.bind(lhs)?;
        match rhs {
            InRhs::Expr(e) => {
                let r = self.bind(e)?;
                self.build_in_expr(node, (lhs, l), (e, r))
            }
            InRhs::List(items) => {
                let items = self.bind_all(items)?;
                self.build_in_list(node, (lhs, l), items)
            }
        }
    }

    fn bind_call(&self, node: &Node<'_>, name: &str, args: &[Node<'_>]) -> PResult<Typed> {
        let func = self.function(node, name, args.len())?;
        let args = self.bind_all(args)?;
        self.build_call(node, func, args)
    }

    /// Binds each node, keeping it for error positions. A plain loop: iterator
    /// adapters would add several debug-build frames per nesting level.
    fn bind_all<'n>(&self, nodes: &'n [Node<'n>]) -> PResult<Vec<Arg<'n>>> {
        let mut bound = Vec::with_capacity(nodes.len());
        for node in nodes {
            let typed = self.bind(node)?;
            bound.push((node, typed));
        }
        Ok(bound)
    }

    // --- leaves --------------------------------------------------------

    fn leaf(&self, node: &Node<'_>, leaf: &Leaf<'_>) -> PResult<Typed> {
        Ok(match leaf {
            Leaf::Ident(name) => return self.ident(node, name),
            Leaf::Int(digits) => return self.int(node, digits),
            Leaf::Str(s) => Typed::Str(StrExpr::Lit(s.as_str().into())),
            Leaf::Bool(b) => Typed::Bool(BoolExpr::Const(Some(*b))),
            Leaf::Null => Typed::Null,
        })
    }

    fn ident(&self, node: &Node<'_>, name: &str) -> PResult<Typed> {
        if name.eq_ignore_ascii_case("userId") {
            Ok(Typed::Str(StrExpr::UserId))
        } else if name.eq_ignore_ascii_case("connectionId") {
            Ok(Typed::Str(StrExpr::ConnectionId))
        } else if name.eq_ignore_ascii_case("groups") {
            Ok(Typed::Groups)
        } else {
            Err(error_at(
                self.src,
                node.start,
                &format!("Unknown identifier '{name}'"),
            ))
        }
    }

    fn int(&self, node: &Node<'_>, digits: &str) -> PResult<Typed> {
        digits
            .parse::<i64>()
            .map(|v| Typed::Int(IntExpr::Lit(v)))
            .map_err(|_| {
                error_at(
                    self.src,
                    node.start,
                    &format!("Integer literal '{digits}' is out of range"),
                )
            })
    }

    /// Resolves a function name and checks the argument count (before the
    /// arguments are bound, so the count is reported first).
    fn function(&self, node: &Node<'_>, name: &str, argc: usize) -> PResult<Func> {
        let Some(func) = Func::lookup(name) else {
            return Err(error_at(
                self.src,
                node.start,
                &format!("Unknown function '{name}'"),
            ));
        };
        let (min, max) = func.arity();
        if (min..=max).contains(&argc) {
            return Ok(func);
        }
        let expected = match (min, max) {
            (1, 1) => "1 argument".to_owned(),
            (n, m) if n == m => format!("{n} arguments"),
            (n, m) => format!("{n} or {m} arguments"),
        };
        Err(error_at(
            self.src,
            node.start,
            &format!(
                "Function '{}' expects {expected} but got {argc}",
                func.name()
            ),
        ))
    }

    // --- type conversions ----------------------------------------------

    /// `outer` requires `typed` (bound from `node`) to be boolean.
    fn to_bool(&self, outer: &Node<'_>, node: &Node<'_>, typed: Typed) -> PResult<BoolExpr> {
        match typed {
            Typed::Bool(b) => Ok(b),
            Typed::Null => Ok(BoolExpr::Const(None)),
            other => Err(type_error(self.src, outer, node, other.type_name(), "bool")),
        }
    }

    /// `outer` requires `typed` (bound from `node`) to be a string.
    fn to_str(&self, outer: &Node<'_>, node: &Node<'_>, typed: Typed) -> PResult<StrExpr> {
        match typed {
            Typed::Str(s) => Ok(s),
            Typed::Null => Ok(StrExpr::Null),
            other => Err(type_error(
                self.src,
                outer,
                node,
                other.type_name(),
                "string",
            )),
        }
    }

    /// A `substring` offset: a constant, non-negative integer.
    fn to_offset(&self, outer: &Node<'_>, node: &Node<'_>, typed: Typed) -> PResult<usize> {
        let value = match typed {
            Typed::Int(IntExpr::Lit(v)) => usize::try_from(v).ok(),
            Typed::Int(_) | Typed::Null => None,
            other => return Err(type_error(self.src, outer, node, other.type_name(), "int")),
        };
        value.ok_or_else(|| {
            error_at(
                self.src,
                node.start,
                "The offsets of 'substring' must be non-negative integer literals",
            )
        })
    }

    /// Converts `typed` into an operand of type `ty` (`null` adapts).
    fn to_operand(
        &self,
        outer: &Node<'_>,
        node: &Node<'_>,
        typed: Typed,
        ty: ScalarType,
    ) -> PResult<Operand> {
        Ok(match (typed, ty) {
            (Typed::Bool(b), ScalarType::Bool) => Operand::Bool(b),
            (Typed::Int(i), ScalarType::Int) => Operand::Int(i),
            (Typed::Str(s), ScalarType::Str) => Operand::Str(s),
            (Typed::Null, ScalarType::Bool) => Operand::Bool(BoolExpr::Const(None)),
            (Typed::Null, ScalarType::Int) => Operand::Int(IntExpr::Null),
            (Typed::Null, ScalarType::Str) => Operand::Str(StrExpr::Null),
            (other, ty) => {
                return Err(type_error(
                    self.src,
                    outer,
                    node,
                    other.type_name(),
                    ty.name(),
                ))
            }
        })
    }

    // --- builders (children already bound) -----------------------------

    fn build_cmp(
        &self,
        outer: &Node<'_>,
        op: CmpOp,
        (lhs, l): (&Node<'_>, Typed),
        (rhs, r): (&Node<'_>, Typed),
    ) -> PResult<Typed> {
        // The left operand sets the type unless it is `null` (or ill-typed).
        let ty = l
            .scalar_type()
            .or(r.scalar_type())
            .unwrap_or(ScalarType::Str);
        let lhs = self.to_operand(outer, lhs, l, ty)?;
        let rhs = self.to_operand(outer, rhs, r, ty)?;
        Ok(Typed::Bool(BoolExpr::Cmp {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        }))
    }

    /// `x in <expr>`: the expression must be the `groups` collection.
    fn build_in_expr(
        &self,
        outer: &Node<'_>,
        (lhs, l): (&Node<'_>, Typed),
        (rhs, r): (&Node<'_>, Typed),
    ) -> PResult<Typed> {
        match r {
            Typed::Groups => Ok(Typed::Bool(BoolExpr::InGroups(self.to_str(outer, lhs, l)?))),
            other => Err(type_error(
                self.src,
                outer,
                rhs,
                other.type_name(),
                "collection",
            )),
        }
    }

    fn build_in_list(
        &self,
        outer: &Node<'_>,
        (lhs, l): (&Node<'_>, Typed),
        items: Vec<Arg<'_>>,
    ) -> PResult<Typed> {
        if let [(_, Typed::Groups)] = items.as_slice() {
            // `x in (groups)`: the EBNF's parenthesised collection.
            return Ok(Typed::Bool(BoolExpr::InGroups(self.to_str(outer, lhs, l)?)));
        }
        let ty = l
            .scalar_type()
            .or_else(|| items.iter().find_map(|(_, t)| t.scalar_type()))
            .unwrap_or(ScalarType::Str);
        let lhs = self.to_operand(outer, lhs, l, ty)?;
        let items = items
            .into_iter()
            .map(|(n, t)| self.to_operand(outer, n, t, ty))
            .collect::<PResult<Vec<_>>>()?;
        let all_literal = items
            .iter()
            .all(|i| matches!(i, Operand::Str(StrExpr::Lit(_) | StrExpr::Null)));
        Ok(Typed::Bool(match lhs {
            Operand::Str(lhs) if all_literal => {
                let mut set = HashSet::with_capacity(items.len());
                let mut has_null = false;
                for item in items {
                    match item {
                        Operand::Str(StrExpr::Lit(s)) => {
                            set.insert(s);
                        }
                        _ => has_null = true,
                    }
                }
                BoolExpr::InSet { lhs, set, has_null }
            }
            lhs => BoolExpr::In(Box::new(lhs), items),
        }))
    }

    /// Builds a call whose name and argument count `function` has checked.
    fn build_call(&self, node: &Node<'_>, func: Func, args: Vec<Arg<'_>>) -> PResult<Typed> {
        let mut args = args.into_iter();
        Ok(match func {
            Func::ToLower => Typed::Str(StrExpr::ToLower(self.next_str(node, &mut args)?).fold()),
            Func::ToUpper => Typed::Str(StrExpr::ToUpper(self.next_str(node, &mut args)?).fold()),
            Func::Trim => Typed::Str(StrExpr::Trim(self.next_str(node, &mut args)?).fold()),
            Func::Concat => {
                let a = self.next_str(node, &mut args)?;
                let b = self.next_str(node, &mut args)?;
                Typed::Str(StrExpr::Concat(a, b).fold())
            }
            Func::IndexOf => {
                let a = self.next_str(node, &mut args)?;
                let b = self.next_str(node, &mut args)?;
                Typed::Int(IntExpr::IndexOf(a, b).fold())
            }
            Func::StartsWith | Func::EndsWith | Func::Contains => {
                let test = match func {
                    Func::StartsWith => StrTest::StartsWith,
                    Func::EndsWith => StrTest::EndsWith,
                    _ => StrTest::Contains,
                };
                let a = self.next_str(node, &mut args)?;
                let b = self.next_str(node, &mut args)?;
                let expr = BoolExpr::Test(test, *a, *b);
                Typed::Bool(if expr.is_const_test() {
                    BoolExpr::Const(expr.eval(&NO_SUBJECT))
                } else {
                    expr
                })
            }
            Func::Substring => {
                let s = self.next_str(node, &mut args)?;
                let (n, t) = self.next_arg(node, &mut args)?;
                let start = self.to_offset(node, n, t)?;
                let len = match args.next() {
                    Some((n, t)) => Some(self.to_offset(node, n, t)?),
                    None => None,
                };
                Typed::Str(StrExpr::Substring { s, start, len }.fold())
            }
            Func::Length => match self.next_arg(node, &mut args)? {
                (_, Typed::Groups) => Typed::Int(IntExpr::GroupCount),
                (_, Typed::Str(e)) => Typed::Int(IntExpr::Length(Box::new(e)).fold()),
                (_, Typed::Null) => Typed::Int(IntExpr::Null),
                (n, other) => {
                    return Err(type_error(
                        self.src,
                        node,
                        n,
                        other.type_name(),
                        "string or collection",
                    ))
                }
            },
        })
    }

    fn next_arg<'n>(
        &self,
        call: &Node<'_>,
        args: &mut impl Iterator<Item = Arg<'n>>,
    ) -> PResult<Arg<'n>> {
        // Unreachable after the arity check, but an error beats a panic.
        args.next().ok_or_else(|| syntax_error(self.src, call.end))
    }

    fn next_str<'n>(
        &self,
        call: &Node<'_>,
        args: &mut impl Iterator<Item = Arg<'n>>,
    ) -> PResult<Box<StrExpr>> {
        let (n, t) = self.next_arg(call, args)?;
        self.to_str(call, n, t).map(Box::new)
    }
}

/// A function argument: its syntax node (for error positions) and binding.
type Arg<'n> = (&'n Node<'n>, Typed);

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const GROUPS: &[&str] = &["group1", "Group2", "g3"];

    fn user<'a>(id: Option<&'a str>, groups: &'a [&'a str]) -> Subject<'a> {
        Subject {
            connection_id: "conn-1",
            user_id: id,
            groups,
        }
    }

    fn check(filter: &str, subject: &Subject<'_>) -> bool {
        match parse(filter) {
            Ok(f) => f.matches(subject),
            Err(e) => panic!("{filter:?} failed to parse: {e}"),
        }
    }

    /// Evaluates `filter` for user `u1` in [`GROUPS`].
    fn u1(filter: &str) -> bool {
        check(filter, &user(Some("u1"), GROUPS))
    }

    /// Evaluates `filter` for an anonymous connection in no group.
    fn anon(filter: &str) -> bool {
        check(filter, &user(None, &[]))
    }

    fn err(filter: &str) -> FilterError {
        match parse(filter) {
            Ok(f) => panic!("{filter:?} parsed unexpectedly: {f:?}"),
            Err(e) => e,
        }
    }

    fn err_pos(filter: &str) -> usize {
        err(filter).position
    }

    fn syntax_msg(filter: &str, pos: usize) -> String {
        format!(
            "Invalid syntax for '{filter}': Syntax error at position {pos} in '{filter}'. (Parameter 'filter')"
        )
    }

    // --- documented examples -------------------------------------------

    #[test]
    fn documented_examples() {
        let f = "'group1' in groups or 'group2' in groups";
        assert!(check(f, &user(Some("a"), &["group2"])));
        assert!(check(f, &user(Some("a"), &["x", "group1"])));
        assert!(!check(f, &user(Some("a"), &["group3"])));
        assert!(!check(f, &user(Some("a"), &[])));

        let f = "userId in ('user1','user2','user3') and 'group1' in groups";
        assert!(check(f, &user(Some("user2"), &["group1"])));
        assert!(!check(f, &user(Some("user2"), &["group2"])));
        assert!(!check(f, &user(Some("user4"), &["group1"])));
        assert!(!check(f, &user(None, &["group1"])));

        let f = "userId eq 'user1' and connectionId ne '123'";
        let s = |cid| Subject {
            connection_id: cid,
            user_id: Some("user1"),
            groups: &[],
        };
        assert!(check(f, &s("456")));
        assert!(!check(f, &s("123")));

        let f = "userId eq 'user1' and (not ('group1' in groups))";
        assert!(check(f, &user(Some("user1"), &["group2"])));
        assert!(!check(f, &user(Some("user1"), &["group1"])));
        assert!(!check(f, &user(Some("user2"), &[])));

        let f = "startswith(userId, 'listener-')";
        assert!(check(f, &user(Some("listener-7"), &[])));
        assert!(!check(f, &user(Some("talker-7"), &[])));
        assert!(!check(f, &user(None, &[])));

        let f = "userId eq null or userId eq 'vic''s' or length(userId) gt 3";
        assert!(check(f, &user(None, &[])));
        assert!(check(f, &user(Some("vic's"), &[])));
        assert!(check(f, &user(Some("abcd"), &[])));
        assert!(!check(f, &user(Some("abc"), &[])));

        // From the operator table of the reference page.
        assert!(u1("length(userId) le 10 and length(userId) gt 1"));
        assert!(!u1("not endswith(userId, '1')"));
        assert!(check("userId eq 'user''1'", &user(Some("user'1"), &[])));
        assert!(check(
            "substring(userId,5,2) eq 'ab'",
            &user(Some("user-ab-de"), &[])
        ));
        assert!(check(
            "indexof(userId,'-ab-') ge 0",
            &user(Some("user-ab-de"), &[])
        ));
        assert!(check(
            "trim(userId) eq 'user1'",
            &user(Some(" user1 "), &[])
        ));
        assert!(u1("length(groups) gt 1"));
    }

    // --- operators -------------------------------------------------------

    #[test]
    fn comparison_operators_on_ints() {
        for (op, expect) in [
            ("eq", [false, true, false]),
            ("ne", [true, false, true]),
            ("gt", [false, false, true]),
            ("ge", [false, true, true]),
            ("lt", [true, false, false]),
            ("le", [true, true, false]),
        ] {
            // length('u1') is 2; compare against 3, 2, 1.
            for (rhs, want) in [3, 2, 1].into_iter().zip(expect) {
                assert_eq!(
                    u1(&format!("length(userId) {op} {rhs}")),
                    want,
                    "{op} {rhs}"
                );
            }
        }
        assert!(u1("-1 lt +1"));
        assert!(u1("0 eq -0"));
        assert!(u1("007 eq 7"));
        assert!(u1("9223372036854775807 gt -9223372036854775808"));
    }

    #[test]
    fn comparison_operators_on_strings_are_ordinal() {
        assert!(u1("userId eq 'u1'"));
        assert!(!u1("userId eq 'U1'"));
        assert!(u1("userId ne 'U1'"));
        assert!(u1("userId gt 'u0'"));
        assert!(u1("userId ge 'u1'"));
        assert!(u1("userId lt 'u2'"));
        assert!(u1("userId le 'u1'"));
        assert!(u1("'B' lt 'a'"));
        assert!(u1("'u1' eq userId"));
        assert!(u1("connectionId eq 'conn-1'"));
    }

    #[test]
    fn comparison_operators_on_bools() {
        assert!(u1("true eq true"));
        assert!(u1("false ne true"));
        assert!(u1("false lt true"));
        assert!(u1("startswith(userId, 'u') eq true"));
        assert!(u1("(userId eq 'x') eq false"));
        assert!(u1("('g3' in groups) eq true"));
    }

    #[test]
    fn logical_operators() {
        assert!(u1("true and true"));
        assert!(!u1("true and false"));
        assert!(u1("false or true"));
        assert!(!u1("false or false"));
        assert!(u1("not false"));
        assert!(!u1("not true"));
        assert!(u1("not not true"));
        assert!(u1("true and true and true and true"));
        assert!(!u1("true and true and false and true"));
        assert!(u1("false or false or false or true"));
        assert!(u1("true"));
        assert!(!u1("false"));
    }

    #[test]
    fn precedence() {
        // `and` binds tighter than `or`.
        assert!(u1("true or false and false"));
        assert!(!u1("(true or false) and false"));
        assert!(u1("false and false or true"));
        // `not` binds tighter than `and`/`or`.
        assert!(!u1("not true or false"));
        assert!(!u1("not false and false"));
        assert!(u1("not (false and false)"));
        // Comparisons bind tighter than `and`/`or`.
        assert!(u1(
            "userId eq 'x' or userId eq 'u1' and length(userId) eq 2"
        ));
        // The documented equivalence.
        for id in ["", "ab", "abcde", "abcdefgh", "abcdefghijk"] {
            let s = user(Some(id), &[]);
            assert_eq!(
                check("length(userId) gt 0 and length(userId) lt 3 or length(userId) gt 7 and length(userId) lt 10", &s),
                check("((length(userId) gt 0) and (length(userId) lt 3)) or ((length(userId) gt 7) and (length(userId) lt 10))", &s),
                "{id}"
            );
        }
        // `not` binds tighter than comparisons: the operand of `not` is an int.
        let e = err("not length(userId) gt 5");
        assert_eq!(
            e.message,
            "Invalid syntax for 'not length(userId)': Type 'int', expect 'bool'. (Parameter 'filter')"
        );
        assert_eq!(e.position, 4);
        assert!(anon("not (length(userId) gt 5)"));
        assert!(!check(
            "not (length(userId) gt 5)",
            &user(Some("abcdef"), &[])
        ));
        // `not` applied to a boolean compares fine: (not true) eq false.
        assert!(u1("not true eq false"));
    }

    // --- functions -------------------------------------------------------

    #[test]
    fn case_functions() {
        let s = user(Some("MiXed-Ünï"), &[]);
        assert!(check("tolower(userId) eq 'mixed-ünï'", &s));
        assert!(check("toupper(userId) eq 'MIXED-ÜNÏ'", &s));
        assert!(u1("tolower(userId) eq 'u1'"));
        assert!(u1("toupper(userId) eq 'U1'"));
        assert!(u1("toupper('straße') eq 'STRASSE'"));
        assert!(u1("tolower('ΟΔΟΣ') eq 'οδος'"));
        assert!(u1("tolower(toupper(userId)) eq userId"));
    }

    #[test]
    fn trim_substring_concat() {
        assert!(check(
            "trim(userId) eq 'x y'",
            &user(Some(" \tx y\n "), &[])
        ));
        assert!(u1("trim('  ') eq ''"));
        let s = user(Some("héllo-wörld"), &[]);
        assert!(check("substring(userId, 0) eq userId", &s));
        assert!(check("substring(userId, 6) eq 'wörld'", &s));
        assert!(check("substring(userId, 1, 4) eq 'éllo'", &s));
        assert!(check("substring(userId, 1, 0) eq ''", &s));
        assert!(check("substring(userId, 11) eq ''", &s));
        assert!(check("substring(userId, 50) eq ''", &s));
        assert!(check("substring(userId, 8, 50) eq 'rld'", &s));
        assert!(check("substring(userId, +1, +1) eq 'é'", &s));
        assert!(u1("concat(userId, '-x') eq 'u1-x'"));
        assert!(u1("concat('', userId) eq 'u1'"));
        assert!(u1("concat(userId, '') eq 'u1'"));
        assert!(u1("concat(concat('a', 'b'), 'c') eq 'abc'"));
        assert!(u1("concat('g', '3') in groups"));
    }

    #[test]
    fn search_functions() {
        let s = user(Some("user-ab-de"), &[]);
        assert!(check("indexof(userId, 'ab') eq 5", &s));
        assert!(check("indexof(userId, 'zz') eq -1", &s));
        assert!(check("indexof(userId, '') eq 0", &s));
        assert!(check("indexof('日本語', '語') eq 2", &s));
        assert!(check("startswith(userId, 'user-')", &s));
        assert!(!check("startswith(userId, 'ab')", &s));
        assert!(check("endswith(userId, '-de')", &s));
        assert!(!check("endswith(userId, 'ab')", &s));
        assert!(check("contains(userId, '-ab-')", &s));
        assert!(!check("contains(userId, 'AB')", &s));
        assert!(check("contains(userId, '')", &s));
    }

    #[test]
    fn length_of_strings_and_groups() {
        assert!(u1("length(userId) eq 2"));
        assert!(u1("length('日本語') eq 3"));
        assert!(u1("length('') eq 0"));
        assert!(u1("length(groups) eq 3"));
        assert!(anon("length(groups) eq 0"));
        assert!(u1("length(connectionId) eq 6"));
    }

    #[test]
    fn constant_calls_are_folded() {
        let f = parse("tolower('ABC') eq 'abc'").map(|f| format!("{f:?}"));
        assert!(
            matches!(f.as_deref(), Ok(d) if d.contains("Lit(\"abc\")") && !d.contains("ToLower"))
        );
        let f = parse("length('abc') eq 3").map(|f| format!("{f:?}"));
        assert!(matches!(f.as_deref(), Ok(d) if d.contains("Lit(3)")));
        let f = parse("startswith('abc', 'a')").map(|f| format!("{f:?}"));
        assert!(matches!(f.as_deref(), Ok(d) if d.contains("Const(Some(true))")));
        // A constant expression is accepted as a substring offset.
        assert!(check(
            "substring(userId, length('ab')) eq 'c'",
            &user(Some("abc"), &[])
        ));
    }

    // --- null semantics --------------------------------------------------

    #[test]
    fn null_semantics() {
        assert!(anon("userId eq null"));
        assert!(!u1("userId eq null"));
        assert!(u1("userId ne null"));
        assert!(!anon("userId ne null"));
        assert!(anon("null eq userId"));
        assert!(u1("null eq null"));
        assert!(!u1("null ne null"));
        // Ordering with null is false both ways.
        assert!(!anon("userId gt 'a'"));
        assert!(!anon("userId le 'a'"));
        assert!(!anon("length(userId) gt 3"));
        assert!(!anon("length(userId) le 3"));
        assert!(!u1("userId gt null"));
        assert!(!u1("null le null"));
        // Functions of null are null.
        assert!(anon("length(userId) eq null"));
        assert!(anon("tolower(userId) eq null"));
        assert!(anon("concat(userId, 'x') eq null"));
        assert!(anon("indexof(userId, 'x') eq null"));
        assert!(anon("substring(userId, 1) eq null"));
        assert!(u1("length(null) eq null"));
        assert!(anon("startswith(userId, 'a') eq null"));
        // A null boolean is false at the top, and `not null` is null.
        assert!(!anon("startswith(userId, 'a')"));
        assert!(!anon("not startswith(userId, 'a')"));
        assert!(!u1("null"));
        assert!(!u1("not null"));
        // Kleene logic.
        assert!(anon("startswith(userId, 'a') or true"));
        assert!(!anon("startswith(userId, 'a') or false"));
        assert!(!anon("startswith(userId, 'a') and true"));
        assert!(anon("not (startswith(userId, 'a') and false)"));
        assert!(!anon("not (startswith(userId, 'a') and true)"));
        // Comparison results are never null.
        assert!(anon("not (userId eq 'a')"));
        assert!(anon("not ('a' in groups)"));
        assert!(!anon("userId in groups"));
    }

    // --- in --------------------------------------------------------------

    #[test]
    fn in_with_lists() {
        assert!(u1("userId in ('u1')"));
        assert!(u1("userId in ('a', 'u1', 'b')"));
        assert!(!u1("userId in ('a', 'U1', 'b')"));
        assert!(!anon("userId in ('a', 'b')"));
        assert!(anon("userId in ('a', null)"));
        assert!(u1("userId in (null, 'u1')"));
        assert!(u1("null in (null)"));
        assert!(!u1("null in ('a')"));
        // Non-literal items take the general path.
        assert!(u1("userId in (connectionId, concat('u', '1'))"));
        assert!(u1("'conn-1' in (userId, connectionId)"));
        assert!(u1("tolower(userId) in (toupper(userId), 'u1')"));
        assert!(u1("length(userId) in (1, 2, 3)"));
        assert!(!u1("length(userId) in (1, null)"));
        assert!(u1("true in (false, startswith(userId, 'u'))"));
        assert!(u1("userId in ( 'x' , ( 'u1' ) )"));
        let many: Vec<String> = (0..200).map(|i| format!("'user{i}'")).collect();
        let f = format!("userId in ({})", many.join(","));
        assert!(check(&f, &user(Some("user150"), &[])));
        assert!(!check(&f, &user(Some("user200"), &[])));
    }

    #[test]
    fn in_with_groups() {
        assert!(u1("'group1' in groups"));
        assert!(u1("'Group2' in groups"));
        assert!(!u1("'group2' in groups"));
        assert!(u1("'g3' in (groups)"));
        assert!(u1("'g3' in ((groups))"));
        assert!(!u1("'g4' in (groups)"));
        assert!(!anon("'group1' in groups"));
        assert!(check("userId in groups", &user(Some("g3"), GROUPS)));
        assert!(!u1("userId in groups"));
        assert!(!u1("null in groups"));
        assert!(u1("not ('g4' in groups)"));
    }

    // --- lexical details -------------------------------------------------

    #[test]
    fn case_insensitive_names() {
        assert!(u1("USERID EQ 'u1' AND 'g3' IN GROUPS"));
        assert!(u1("UserId Eq 'u1' Or False"));
        assert!(u1("NOT (userid NE 'u1')"));
        assert!(u1("StartsWith(USERID, 'u') and LENGTH(Groups) Ge 3"));
        assert!(u1("ToLower(UserID) eq 'u1' and TRUE and not FALSE"));
        assert!(anon("userId eq NULL"));
        assert!(u1("ConnectionID eq 'conn-1'"));
        assert!(u1("connectionid in ('conn-1')"));
        assert!(u1(
            "SubString(userId, 1) eq '1' and IndexOf(userId, '1') eq 1"
        ));
        assert!(u1(
            "CONCAT(userId, '') eq 'u1' and TRIM(userId) eq 'u1' and TOUPPER('a') eq 'A'"
        ));
        assert!(u1("EndsWith(userId, '1') and Contains(userId, 'u')"));
        // Values stay case-sensitive.
        assert!(!u1("userId eq 'U1'"));
        assert!(!u1("'GROUP1' in groups"));
    }

    #[test]
    fn quoting_and_whitespace() {
        assert!(check("userId eq 'user''1'", &user(Some("user'1"), &[])));
        assert!(check("userId eq ''''", &user(Some("'"), &[])));
        assert!(check("userId eq ''''''", &user(Some("''"), &[])));
        assert!(check("userId eq ''", &user(Some(""), &[])));
        assert!(check("userId eq 'a b\tc'", &user(Some("a b\tc"), &[])));
        assert!(check("userId eq '日本 🙂'", &user(Some("日本 🙂"), &[])));
        assert!(check("userId eq '('", &user(Some("("), &[])));
        assert!(check(
            "userId eq 'and or not'",
            &user(Some("and or not"), &[])
        ));
        assert!(u1("  userId\teq\n'u1'  "));
        assert!(u1("(userId eq'u1')and('g3'in groups)"));
        assert!(u1("startswith (userId,'u')"));
    }

    // --- errors ----------------------------------------------------------

    #[test]
    fn live_service_error_message() {
        let e = err("invalid filter");
        assert_eq!(e.position, 14);
        assert_eq!(e.message, syntax_msg("invalid filter", 14));
        assert_eq!(
            e.message,
            "Invalid syntax for 'invalid filter': Syntax error at position 14 in 'invalid filter'. (Parameter 'filter')"
        );
        assert_eq!(e.to_string(), e.message);
    }

    #[test]
    fn syntax_error_positions() {
        // (input, position just past the offending token)
        let cases = [
            ("x y", 3),
            ("", 0),
            ("   ", 3),
            ("userId eq", 9),
            ("userId eq 'a' 'b'", 17),
            ("userId eq 'a')", 14),
            ("(userId eq 'a'", 14),
            ("userId eq 'a' or", 16),
            ("and", 3),
            ("userId eq eq 'a'", 12),
            ("userId in ()", 12),
            ("userId in ('a',)", 16),
            ("userId in ('a' 'b')", 18),
            ("userId eq 'a' eq 'b'", 16),
            ("startswith(userId 'a')", 21),
            ("startswith(userId,,'a')", 19),
            ("tolower(userId", 14),
            ("not", 3),
            ("()", 2),
            ("true(", 5),
            ("12abc", 5),
            ("'héllo' eq userId x", 19),
        ];
        for (input, pos) in cases {
            let e = err(input);
            assert_eq!(e.position, pos, "{input:?}: {}", e.message);
            assert_eq!(e.message, syntax_msg(input, pos), "{input:?}");
        }
    }

    #[test]
    fn lexical_errors() {
        let e = err("userId eq 'abc");
        assert_eq!(e.position, 14);
        assert_eq!(
            e.message,
            "Invalid syntax for 'userId eq 'abc': There is an unterminated string literal at position 14 in 'userId eq 'abc'. (Parameter 'filter')"
        );
        assert_eq!(err_pos("'it''s"), 6);
        assert_eq!(err_pos("'日本"), 3);

        let e = err("userId eq 'a' & x");
        assert_eq!(e.position, 14);
        assert_eq!(
            e.message,
            "Invalid syntax for 'userId eq 'a' & x': Syntax error: character '&' is not valid at position 14 in 'userId eq 'a' & x'. (Parameter 'filter')"
        );
        assert_eq!(err_pos("- 1 eq -1"), 0);
        assert_eq!(err_pos("length(userId) gt 1.5"), 19);
        assert_eq!(err_pos("userId eq \"a\""), 10);
        assert_eq!(err_pos("日本 eq 'a' ~"), 10);
        // A syntax error left of a lexical error wins (tokens are lexed lazily).
        assert_eq!(err_pos("invalid filter 'abc"), 14);
    }

    #[test]
    fn semantic_error_positions() {
        let e = err("foo eq 'a'");
        assert_eq!(e.position, 0);
        assert_eq!(
            e.message,
            "Invalid syntax for 'foo eq 'a'': Unknown identifier 'foo' at position 0 in 'foo eq 'a''. (Parameter 'filter')"
        );
        assert_eq!(err_pos("userId eq 'a' and user eq 'b'"), 18);

        let e = err("userId eq 'a' or bar(userId)");
        assert_eq!(e.position, 17);
        assert!(
            e.message.contains("Unknown function 'bar'"),
            "{}",
            e.message
        );

        let e = err("length(userId, 'a') gt 1");
        assert_eq!(e.position, 0);
        assert!(
            e.message
                .contains("Function 'length' expects 1 argument but got 2"),
            "{}",
            e.message
        );
        let e = err("true and substring(userId)");
        assert_eq!(e.position, 9);
        assert!(e.message.contains("expects 2 or 3 arguments but got 1"));
        assert_eq!(err_pos("concat('a') eq 'a'"), 0);
        assert_eq!(err_pos("tolower() eq 'a'"), 0);

        let e = err("length(userId) gt 99999999999999999999");
        assert_eq!(e.position, 18);
        assert!(e
            .message
            .contains("Integer literal '99999999999999999999' is out of range"));
        assert_eq!(err_pos("-9223372036854775809 lt 0"), 0);

        assert_eq!(err_pos("substring(userId, -1) eq 'a'"), 18);
        assert_eq!(err_pos("substring(userId, 1, -1) eq 'a'"), 21);
        assert_eq!(err_pos("substring(userId, length(userId)) eq 'a'"), 18);
        assert_eq!(err_pos("substring(userId, null) eq 'a'"), 18);
    }

    #[test]
    fn type_errors() {
        let cases = [
            ("userId", "userId", 0, "string", "bool"),
            ("groups", "groups", 0, "collection", "bool"),
            ("userId eq 1", "userId eq 1", 10, "int", "string"),
            ("1 eq userId", "1 eq userId", 5, "string", "int"),
            ("groups eq 'a'", "groups eq 'a'", 0, "collection", "string"),
            ("'a' eq groups", "'a' eq groups", 7, "collection", "string"),
            (
                "startswith(userId, 1)",
                "startswith(userId, 1)",
                19,
                "int",
                "string",
            ),
            (
                "length(true) eq 1",
                "length(true)",
                7,
                "bool",
                "string or collection",
            ),
            ("'a' in userId", "'a' in userId", 7, "string", "collection"),
            ("userId in 'a'", "userId in 'a'", 10, "string", "collection"),
            ("1 in groups", "1 in groups", 0, "int", "string"),
            (
                "userId in ('a', 1)",
                "userId in ('a', 1)",
                16,
                "int",
                "string",
            ),
            (
                "userId in ('a', groups)",
                "userId in ('a', groups)",
                16,
                "collection",
                "string",
            ),
            (
                "true and length(userId)",
                "true and length(userId)",
                9,
                "int",
                "bool",
            ),
            ("not 'a'", "not 'a'", 4, "string", "bool"),
            (
                "substring(userId, 'a')",
                "substring(userId, 'a')",
                18,
                "string",
                "int",
            ),
            (
                "userId eq 'user1' and not 'group1' in groups",
                "not 'group1'",
                26,
                "string",
                "bool",
            ),
            (
                "(((length(groups))))",
                "(((length(groups))))",
                0,
                "int",
                "bool",
            ),
        ];
        for (input, text, pos, found, expected) in cases {
            let e = err(input);
            assert_eq!(e.position, pos, "{input:?}: {}", e.message);
            assert_eq!(
                e.message,
                format!("Invalid syntax for '{text}': Type '{found}', expect '{expected}'. (Parameter 'filter')"),
                "{input:?}"
            );
        }
    }

    #[test]
    fn syntax_errors_win_over_semantic_ones() {
        assert_eq!(err("foo eq"), err("foo eq"));
        assert_eq!(err_pos("foo eq"), 6);
        assert_eq!(err_pos("bar(1) eq 1 )"), 13);
        assert_eq!(err_pos("userId eq 1 or"), 14);
    }

    #[test]
    fn nesting_limit() {
        let ok = format!("{}true{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(u1(&ok));
        let deep = format!(
            "{}true{}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        let e = err(&deep);
        assert_eq!(e.position, MAX_DEPTH + 1);
        assert!(
            e.message.contains("nested more than 100 levels"),
            "{}",
            e.message
        );

        assert!(!u1(&format!("{}true", "not ".repeat(MAX_DEPTH - 1))));
        let e = err(&format!("{}true", "not ".repeat(MAX_DEPTH + 1)));
        assert_eq!(e.position, 4 * MAX_DEPTH + 3);

        let calls = format!(
            "{}userId{} eq 'u1'",
            "tolower(".repeat(MAX_DEPTH),
            ")".repeat(MAX_DEPTH)
        );
        assert!(u1(&calls));
        let calls = format!(
            "{}userId{}",
            "trim(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(err_pos(&calls), 5 * (MAX_DEPTH + 1));

        let lists = format!(
            "{}'u1'{}",
            "'u1' in (".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(err_pos(&lists), 9 * (MAX_DEPTH + 1));

        // Worst case for every recursive pass: maximal nesting where each level
        // also adds `or`/`and`/comparison/`not` nodes.
        let mut f = String::from("userId eq 'u1'");
        for _ in 0..MAX_DEPTH / 3 {
            f = format!("false or true and not (({f}) eq true)");
        }
        assert!(f.chars().count() < MAX_FILTER_LEN);
        let parsed = parse(&f).expect("within limits");
        // 33 levels, each negating: odd count → false.
        assert!(!parsed.matches(&user(Some("u1"), GROUPS)));
        // Long flat chains don't recurse at all.
        let chain = vec!["userId eq 'x'"; 300].join(" or ");
        assert!(!u1(&chain));
    }

    /// The deepest accepted filters of every recursive shape, parsed and
    /// evaluated on a 1 MiB stack: half of the 2 MiB that Rust (and Tokio)
    /// give new threads. Unoptimized builds are the tight case.
    #[test]
    fn deep_nesting_fits_in_one_mib_of_stack() {
        let d = MAX_DEPTH;
        let mut mixed = String::from("userId eq 'u1'");
        for _ in 0..d / 3 {
            mixed = format!("false or true and not (({mixed}) eq true)");
        }
        let inputs = [
            mixed,
            format!("{}true{}", "(".repeat(d), ")".repeat(d)),
            format!("{}true", "not ".repeat(d)),
            format!("{}userId{} eq 'u1'", "tolower(".repeat(d), ")".repeat(d)),
            format!(
                "{}userId{} eq 'u1'",
                "concat('a', ".repeat(d),
                ")".repeat(d)
            ),
            format!("{}1{}", "length(".repeat(d), ")".repeat(d)),
            format!("{}'u1'{}", "'u1' in (".repeat(d), ")".repeat(d)),
            format!("{}true{}", "(true eq ".repeat(d), ")".repeat(d)),
            format!("{}true{}", "(".repeat(d + 1), ")".repeat(d + 1)),
        ];
        let worker = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                let subject = user(Some("u1"), GROUPS);
                inputs
                    .iter()
                    .map(|input| parse(input).map(|f| f.matches(&subject)).is_ok())
                    .collect::<Vec<_>>()
            })
            .expect("spawn");
        let parsed = worker.join().expect("no stack overflow");
        // Type errors (length of int, `in` a bool list) and the over-deep
        // input are rejected; everything else parses.
        assert_eq!(
            parsed,
            [true, true, true, true, true, false, false, true, false]
        );
    }

    #[test]
    fn length_limit() {
        let max = format!("userId eq '{}'", "a".repeat(MAX_FILTER_LEN - 12));
        assert_eq!(max.chars().count(), MAX_FILTER_LEN);
        assert!(!u1(&max));
        let e = err(&format!("{max} "));
        assert_eq!(e.position, MAX_FILTER_LEN);
        assert!(e.message.len() < 200, "{}", e.message);
        // Multi-byte chars are counted as chars, not bytes.
        let wide = format!("userId eq '{}'", "日".repeat(MAX_FILTER_LEN - 12));
        assert!(parse(&wide).is_ok());
    }

    #[test]
    fn from_str_and_reuse() {
        let f: Filter = "'g3' in groups and userId ne null".parse().expect("valid");
        let groups_a: &[&str] = &["g3"];
        let subjects = [
            (user(Some("a"), groups_a), true),
            (user(None, groups_a), false),
            (user(Some("b"), &[]), false),
        ];
        for _ in 0..3 {
            for (s, want) in &subjects {
                assert_eq!(f.matches(s), *want);
            }
        }
        let clone = f.clone();
        assert!(clone.matches(&subjects[0].0));
        let e: Result<Filter, FilterError> = "userId eq".parse();
        let e = e.expect_err("invalid");
        let boxed: Box<dyn std::error::Error> = Box::new(e.clone());
        assert_eq!(boxed.to_string(), e.message);
    }

    // --- robustness ------------------------------------------------------

    /// xorshift64*: deterministic, dependency-free.
    struct Rng(u64);

    impl Rng {
        fn next_u64(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next_u64() % (n.max(1) as u64)).unwrap_or(0)
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    fn assert_sane(input: &str, subjects: &[Subject<'_>]) {
        match parse(input) {
            Ok(f) => {
                for s in subjects {
                    let _ = f.matches(s);
                }
            }
            Err(e) => {
                assert!(e.position <= input.chars().count(), "{input:?}: {e:?}");
                assert!(
                    e.message.starts_with("Invalid syntax for '"),
                    "{input:?}: {e:?}"
                );
                assert!(
                    e.message.ends_with(". (Parameter 'filter')"),
                    "{input:?}: {e:?}"
                );
            }
        }
    }

    #[test]
    fn fuzzish_inputs_never_panic() {
        let seeds = [
            "'group1' in groups or 'group2' in groups",
            "userId in ('user1','user2','user3') and 'group1' in groups",
            "userId eq 'user1' and (not ('group1' in groups))",
            "userId eq null or userId eq 'vic''s' or length(userId) gt 3",
            "substring(tolower(userId), 1, 2) eq concat('a', trim(connectionId))",
            "indexof(userId, 'é') ge -1 and endswith(userId, '日本') or contains(userId, '🙂')",
            "not (length(groups) le +3) and 'x' in (groups)",
            "startswith(userId, 'listener-') eq true",
        ];
        let tokens = [
            "(",
            ")",
            ",",
            "'",
            "''",
            "'a'",
            "'日🙂'",
            "userId",
            "connectionId",
            "groups",
            "foo",
            "eq",
            "ne",
            "gt",
            "ge",
            "lt",
            "le",
            "and",
            "or",
            "not",
            "in",
            "true",
            "false",
            "null",
            "0",
            "-1",
            "+7",
            "99999999999999999999",
            "tolower",
            "toupper",
            "trim",
            "substring",
            "concat",
            "indexof",
            "length",
            "startswith",
            "endswith",
            "contains",
            "&",
            ".",
            "-",
            "é",
            " ",
        ];
        let palette = [
            '(', ')', ',', '\'', ' ', 'a', 'Z', '0', '9', '-', '+', '.', 'é', '日', '🙂', '\t',
            '_', '\u{0}',
        ];
        let groups: &[&str] = &["group1", "a", "日🙂", ""];
        let subjects = [
            user(Some("user1"), groups),
            user(None, &[]),
            user(Some(""), groups),
            user(Some("vic's 日本🙂"), &["group2"]),
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut checked = 0usize;

        // Every char-boundary truncation of every seed.
        for seed in seeds {
            let chars: Vec<char> = seed.chars().collect();
            for n in 0..=chars.len() {
                let head: String = chars[..n].iter().collect();
                let tail: String = chars[n..].iter().collect();
                assert_sane(&head, &subjects);
                assert_sane(&tail, &subjects);
                checked += 2;
            }
        }
        // Random edits of the seeds.
        for _ in 0..3000 {
            let mut chars: Vec<char> = rng.pick(&seeds).chars().collect();
            for _ in 0..=rng.below(4) {
                let at = rng.below(chars.len() + 1);
                match rng.below(4) {
                    0 if at < chars.len() => {
                        chars.remove(at);
                    }
                    1 => chars.insert(at, *rng.pick(&palette)),
                    2 if at < chars.len() => chars[at] = *rng.pick(&palette),
                    _ => {
                        let from = rng.below(chars.len());
                        let len = rng.below(8).min(chars.len() - from);
                        let piece: Vec<char> = chars[from..from + len].to_vec();
                        chars.splice(at..at, piece);
                    }
                }
            }
            let input: String = chars.into_iter().collect();
            assert_sane(&input, &subjects);
            checked += 1;
        }
        // Random token soups, which get much further into the parser than
        // random characters do.
        for _ in 0..3000 {
            let n = 1 + rng.below(16);
            let input: Vec<&str> = (0..n).map(|_| *rng.pick(&tokens)).collect();
            let sep = if rng.below(2) == 0 { " " } else { "" };
            assert_sane(&input.join(sep), &subjects);
            checked += 1;
        }
        // Random raw chars.
        for _ in 0..1000 {
            let n = rng.below(24);
            let input: String = (0..n).map(|_| *rng.pick(&palette)).collect();
            assert_sane(&input, &subjects);
            checked += 1;
        }
        assert!(checked > 7000);
    }
}
