//! Binder: syntax tree → typed AST. Resolves identifiers and functions,
//! checks types and folds constant calls.

use std::collections::HashSet;

use super::eval::{BoolExpr, Budget, CmpOp, IntExpr, Operand, StrExpr, StrTest, NO_SUBJECT};
use super::parser::{InRhs, Leaf, Node, NodeKind};
use super::{error_at, syntax_error, type_error, PResult};

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
pub(super) enum Typed {
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

pub(super) struct Binder<'s> {
    pub(super) src: &'s str,
}

// The functions on the recursion path (`bind` and the `bind_*` it
// dispatches to) only bind children and delegate everything else to
// non-recursive `build_*`/`to_*` helpers. That keeps their debug-build stack
// frames small, so MAX_DEPTH levels stay far below a 2 MiB thread stack.
impl Binder<'_> {
    pub(super) fn bind(&self, node: &Node<'_>) -> PResult<Typed> {
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
    pub(super) fn to_bool(
        &self,
        outer: &Node<'_>,
        node: &Node<'_>,
        typed: Typed,
    ) -> PResult<BoolExpr> {
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
                    BoolExpr::Const(expr.eval(&NO_SUBJECT, &Budget::new()))
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
