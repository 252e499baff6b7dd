//! Recursive-descent parser: tokens → untyped syntax tree with character
//! spans. Keywords are classified here; names are resolved by the binder.

use super::eval::CmpOp;
use super::lexer::{Lexer, Tok, Token};
use super::{error_at, syntax_error, FilterError, PResult, MAX_DEPTH};

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

/// Untyped syntax tree node with its character span `[start, end)`.
#[derive(Debug)]
pub(super) struct Node<'s> {
    pub(super) kind: NodeKind<'s>,
    pub(super) start: usize,
    pub(super) end: usize,
}

#[derive(Debug)]
pub(super) enum NodeKind<'s> {
    Or(Vec<Node<'s>>),
    And(Vec<Node<'s>>),
    Not(Box<Node<'s>>),
    Cmp(CmpOp, Box<Node<'s>>, Box<Node<'s>>),
    In(Box<Node<'s>>, InRhs<'s>),
    Call { name: &'s str, args: Vec<Node<'s>> },
    Leaf(Leaf<'s>),
}

#[derive(Debug)]
pub(super) enum Leaf<'s> {
    Ident(&'s str),
    /// Unescaped.
    Str(String),
    /// Digits with optional sign, range-checked by the binder.
    Int(&'s str),
    Bool(bool),
    Null,
}

#[derive(Debug)]
pub(super) enum InRhs<'s> {
    /// `in ( a, b, ... )`
    List(Vec<Node<'s>>),
    /// `in groups`
    Expr(Box<Node<'s>>),
}

pub(super) struct Parser<'s> {
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
    pub(super) fn new(src: &'s str) -> Self {
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

    pub(super) fn parse_filter(mut self) -> PResult<Node<'s>> {
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
