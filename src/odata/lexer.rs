//! Lexer: characters → tokens, produced on demand by the parser.

use std::iter::Peekable;
use std::str::CharIndices;

use super::{error_at, FilterError, PResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok<'s> {
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
pub(super) struct Token<'s> {
    pub(super) tok: Tok<'s>,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Produces tokens on demand, so that a syntax error is reported before a
/// lexical error further right (as the OData lexer does).
pub(super) struct Lexer<'s> {
    src: &'s str,
    chars: Peekable<CharIndices<'s>>,
    /// Character index of the next unread char.
    pos: usize,
}

impl<'s> Lexer<'s> {
    pub(super) fn new(src: &'s str) -> Self {
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

    pub(super) fn next_token(&mut self) -> PResult<Token<'s>> {
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
