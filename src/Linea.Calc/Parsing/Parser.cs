using Linea.Calc.Lexing;
using Linea.Calc.Syntax;

namespace Linea.Calc.Parsing;

/// <summary>Whether white space separates elements (inside a bracket literal) or is insignificant (inside parentheses, calls, indexes).</summary>
internal enum BracketMode
{
    /// <summary>Top level or inside <c>( )</c>: white space is insignificant.</summary>
    Paren,
    /// <summary>Directly inside a <c>[ ]</c> literal: white space may separate elements.</summary>
    Matrix,
}

/// <summary>
/// A Pratt parser for the calculator language: each token kind has a prefix parselet (how an expression can start
/// with it) and/or an infix parselet with a <see cref="Precedence"/> (how it continues one). Statements are
/// expressions, assignments <c>A = ...</c> / <c>U, S, Vt = ...</c>, shape declarations <c>X : (32, 784)</c> and
/// <c>explain EXPR</c>, separated by line breaks or <c>;</c>.
/// Nesting is bounded by <see cref="MaxDepth"/> (checked on the parser's recursion and on the height of every tree
/// it builds, including long left-associative chains), so no input can exhaust the stack later.
/// </summary>
public sealed class Parser
{
    /// <summary>The default bound on nesting depth.</summary>
    public const int DefaultMaxDepth = 200;

    private static readonly Dictionary<TokenKind, IPrefixParselet> PrefixParselets = new()
    {
        [TokenKind.Number] = new NumberParselet(),
        [TokenKind.String] = new StringParselet(),
        [TokenKind.Name] = new NameParselet(),
        [TokenKind.Minus] = new PrefixOperatorParselet(UnaryOperator.Negate),
        [TokenKind.Plus] = new PrefixOperatorParselet(UnaryOperator.Plus),
        [TokenKind.LeftParen] = new GroupParselet(),
        [TokenKind.LeftBracket] = new ArrayParselet(),
    };

    private static readonly Dictionary<TokenKind, IInfixParselet> InfixParselets = new()
    {
        [TokenKind.EqualEqual] = new BinaryOperatorParselet(BinaryOperator.Equal, Precedence.Comparison, false),
        [TokenKind.NotEqual] = new BinaryOperatorParselet(BinaryOperator.NotEqual, Precedence.Comparison, false),
        [TokenKind.Less] = new BinaryOperatorParselet(BinaryOperator.Less, Precedence.Comparison, false),
        [TokenKind.LessEqual] = new BinaryOperatorParselet(BinaryOperator.LessEqual, Precedence.Comparison, false),
        [TokenKind.Greater] = new BinaryOperatorParselet(BinaryOperator.Greater, Precedence.Comparison, false),
        [TokenKind.GreaterEqual] = new BinaryOperatorParselet(BinaryOperator.GreaterEqual, Precedence.Comparison, false),
        [TokenKind.Plus] = new BinaryOperatorParselet(BinaryOperator.Add, Precedence.Sum, false),
        [TokenKind.Minus] = new BinaryOperatorParselet(BinaryOperator.Subtract, Precedence.Sum, false),
        [TokenKind.Star] = new BinaryOperatorParselet(BinaryOperator.Multiply, Precedence.Product, false),
        [TokenKind.Slash] = new BinaryOperatorParselet(BinaryOperator.Divide, Precedence.Product, false),
        [TokenKind.At] = new BinaryOperatorParselet(BinaryOperator.MatMul, Precedence.Product, false),
        [TokenKind.Backslash] = new BinaryOperatorParselet(BinaryOperator.LeftDivide, Precedence.Product, false),
        [TokenKind.DoubleStar] = new BinaryOperatorParselet(BinaryOperator.Power, Precedence.Power, true),
        [TokenKind.Caret] = new BinaryOperatorParselet(BinaryOperator.MatrixPower, Precedence.Power, true),
        [TokenKind.LeftParen] = new CallParselet(),
        [TokenKind.LeftBracket] = new IndexParselet(),
        [TokenKind.Apostrophe] = new ApostropheParselet(),
        [TokenKind.Dot] = new AttributeParselet(),
    };

    private readonly string _text;
    private readonly IReadOnlyList<Token> _tokens;
    private readonly Stack<BracketMode> _modes = new();
    private int _pos;
    private int _depth;

    private Parser(string text, int maxDepth)
    {
        _text = text;
        _tokens = Lexer.Tokenize(text);
        MaxDepth = maxDepth;
        _modes.Push(BracketMode.Paren);
    }

    /// <summary>The bound on nesting depth; deeper input throws <see cref="CalcLimitException"/>.</summary>
    public int MaxDepth { get; }

    /// <summary>Parses a whole program (statements separated by line breaks or <c>;</c>).</summary>
    /// <exception cref="CalcSyntaxException">The text does not parse; the exception has the line and column.</exception>
    /// <exception cref="CalcLimitException">Nesting deeper than <paramref name="maxDepth"/>.</exception>
    public static ProgramSyntax ParseProgram(string text, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text, maxDepth);
        var statements = new List<Statement>();
        while (true)
        {
            while (parser.Match(TokenKind.Newline) || parser.Match(TokenKind.Semicolon)) { }
            if (parser.Peek().Kind == TokenKind.End) break;
            statements.Add(parser.ParseStatement());
            var end = parser.Peek();
            if (end.Kind is not (TokenKind.Newline or TokenKind.Semicolon or TokenKind.End))
                throw parser.Error(end, $"unexpected {end.Describe()} after the end of the statement", UnexpectedHint(end));
        }
        return new ProgramSyntax(statements);
    }

    /// <summary>Parses a single expression (the whole text must be one expression).</summary>
    /// <exception cref="CalcSyntaxException">The text is not one expression.</exception>
    /// <exception cref="CalcLimitException">Nesting deeper than <paramref name="maxDepth"/>.</exception>
    public static Expr ParseExpressionText(string text, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text, maxDepth);
        while (parser.Match(TokenKind.Newline)) { }
        var e = parser.ParseExpression(Precedence.Lowest);
        while (parser.Match(TokenKind.Newline)) { }
        var end = parser.Peek();
        if (end.Kind != TokenKind.End)
            throw parser.Error(end, $"unexpected {end.Describe()} after the end of the expression", UnexpectedHint(end));
        return e;
    }

    private Statement ParseStatement()
    {
        var first = Peek();
        int start = first.Offset;
        if (first.Kind == TokenKind.Name && PeekAt(1).Kind == TokenKind.Colon)
        {
            Consume(); Consume();
            var dims = ParseShapeDimensions();
            return new ShapeDeclaration(first.Text, dims, SourceSpan.Of(first), SourceText(start));
        }
        if (first.Kind == TokenKind.Name && first.Text == "explain" && CanStartExpression(PeekAt(1).Kind))
        {
            Consume();
            var e = ParseExpression(Precedence.Lowest);
            return new ExplainStatement(e, SourceSpan.Of(first), SourceText(start));
        }

        var items = new List<Expr> { ParseExpression(Precedence.Lowest) };
        while (Peek().Kind == TokenKind.Comma)
        {
            Consume();
            if (!CanStartExpression(Peek().Kind)) break;
            items.Add(ParseExpression(Precedence.Lowest));
        }
        if (Peek().Kind == TokenKind.Assign)
        {
            var eq = Consume();
            var targets = new List<string>();
            foreach (var item in items)
            {
                if (item is NameExpr n) { targets.Add(n.Name); continue; }
                string? hint = item is IndexExpr
                    ? "assigning into part of a matrix is not supported; build a new one, e.g. with hstack/vstack"
                    : item is CallExpr ? "write the name on the left, the call on the right: x = f(...)" : null;
                throw Error(LeftmostSpan(item), "only names can be assigned to", hint);
            }
            if (targets.Distinct().Count() != targets.Count)
                throw Error(eq, "the same name appears twice on the left of '='", null);
            if (!CanStartExpression(Peek().Kind))
                throw Error(Peek(), $"expected a value after '=', found {Peek().Describe()}", null);
            var value = ParseExpression(Precedence.Lowest);
            if (Peek().Kind == TokenKind.Comma)
            {
                var values = new List<Expr> { value };
                while (Match(TokenKind.Comma))
                {
                    if (!CanStartExpression(Peek().Kind)) break;
                    values.Add(ParseExpression(Precedence.Lowest));
                }
                value = new TupleExpr(values, value.Span);
            }
            return new AssignmentStatement(targets, value, SourceSpan.Of(first), SourceText(start));
        }
        var expr = items.Count == 1 ? items[0] : new TupleExpr(items, items[0].Span);
        return new ExpressionStatement(expr, SourceSpan.Of(first), SourceText(start));
    }

    private List<Expr> ParseShapeDimensions()
    {
        var open = Peek();
        if (open.Kind != TokenKind.LeftParen)
            throw Error(open, $"expected '(' to start the shape, found {open.Describe()}", "declare a shape like X : (32, 784) or b : (256,)");
        Consume();
        var dims = new List<Expr>();
        PushMode(BracketMode.Paren);
        try
        {
            while (Peek().Kind != TokenKind.RightParen)
            {
                dims.Add(ParseExpression(Precedence.Lowest));
                if (!Match(TokenKind.Comma)) break;
            }
            Expect(TokenKind.RightParen, "to close the shape", open);
        }
        finally { PopMode(); }
        return dims;
    }

    /// <summary>Parses an expression whose operators bind tighter than <paramref name="precedence"/>.</summary>
    internal Expr ParseExpression(int precedence)
    {
        if (++_depth > MaxDepth)
            throw new CalcLimitException($"the expression is nested more than {MaxDepth} levels deep")
            { Line = Peek().Line, Column = Peek().Column, Hint = "split it into several statements with intermediate names" };
        try
        {
            var token = Consume();
            if (token.Kind == TokenKind.End && _modes.Count > 1)
                throw Error(token, "the input ends inside an open bracket", "close every ( and [ that was opened");
            if (!PrefixParselets.TryGetValue(token.Kind, out var prefix))
                throw Error(token, $"expected a value, found {token.Describe()}", UnexpectedHint(token));
            var left = CheckDepth(prefix.Parse(this, token), token);
            while (precedence < NextPrecedence())
            {
                token = Consume();
                left = CheckDepth(InfixParselets[token.Kind].Parse(this, left, token), token);
            }
            return left;
        }
        finally { _depth--; }
    }

    private Expr CheckDepth(Expr e, Token at)
    {
        if (e.Depth > MaxDepth)
            throw new CalcLimitException($"the expression is nested more than {MaxDepth} levels deep")
            { Line = at.Line, Column = at.Column, Hint = "split it into several statements with intermediate names" };
        return e;
    }

    /// <summary>Where the text of an expression begins (operators record their own position; this walks to the left operand).</summary>
    internal static SourceSpan LeftmostSpan(Expr e)
    {
        while (true)
        {
            switch (e)
            {
                case BinaryExpr b: e = b.Left; continue;
                case IndexExpr ix: e = ix.Target; continue;
                case TransposeExpr t: e = t.Operand; continue;
                case TupleExpr t when t.Items.Count > 0: e = t.Items[0]; continue;
                default: return e.Span;
            }
        }
    }

    private int NextPrecedence()
    {
        var t = Peek();
        if (!InfixParselets.TryGetValue(t.Kind, out var infix)) return 0;
        if (_modes.Peek() == BracketMode.Matrix && SeparatesElements(t)) return 0;
        return infix.Precedence;
    }

    /// <summary>Inside a bracket literal, whether <paramref name="t"/> starts a new element rather than continuing this one.</summary>
    private bool SeparatesElements(Token t)
    {
        if (t.NewlineBefore) return true;
        if (!t.SpaceBefore) return false;
        return t.Kind switch
        {
            TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.Apostrophe => true,
            TokenKind.Minus or TokenKind.Plus => !PeekAt(1).SpaceBefore && CanStartExpression(PeekAt(1).Kind),
            _ => false,
        };
    }

    /// <summary>Whether a token of this kind can begin an expression.</summary>
    internal static bool CanStartExpression(TokenKind kind) => PrefixParselets.ContainsKey(kind);

    internal void PushMode(BracketMode mode) => _modes.Push(mode);

    internal void PopMode() => _modes.Pop();

    internal Token Peek() => _tokens[_pos];

    internal Token PeekAt(int k) => _tokens[Math.Min(_pos + k, _tokens.Count - 1)];

    internal Token Consume()
    {
        var t = _tokens[_pos];
        if (_pos < _tokens.Count - 1) _pos++;
        return t;
    }

    internal bool Match(TokenKind kind)
    {
        if (Peek().Kind != kind) return false;
        Consume();
        return true;
    }

    internal void Expect(TokenKind kind, string why, Token opener)
    {
        var t = Peek();
        if (t.Kind == kind) { Consume(); return; }
        string want = kind switch
        {
            TokenKind.RightParen => "')'",
            TokenKind.RightBracket => "']'",
            _ => kind.ToString(),
        };
        if (t.Kind == TokenKind.End)
            throw Error(t, $"expected {want} {why} (opened at column {opener.Column}{(opener.Line != t.Line ? $" of line {opener.Line}" : "")}), found end of input", null);
        throw Error(t, $"expected {want} {why}, found {t.Describe()}", UnexpectedHint(t));
    }

    internal CalcSyntaxException Error(Token at, string message, string? hint) =>
        new(message) { Line = at.Line, Column = at.Column, Hint = hint };

    internal CalcSyntaxException Error(SourceSpan at, string message, string? hint) =>
        new(message) { Line = at.Line, Column = at.Column, Hint = hint };

    private string SourceText(int start)
    {
        int end = Peek().Kind == TokenKind.End ? _text.Length : Peek().Offset;
        return _text[start..Math.Min(end, _text.Length)].Trim();
    }

    private static string? UnexpectedHint(Token t) => t.Kind switch
    {
        TokenKind.Assign => "use == to compare; = assigns and must follow a name at the start of the statement",
        TokenKind.Colon => "':' is for slices inside an index (A[1:, 0]) and for shape declarations (X : (2, 3))",
        TokenKind.RightParen or TokenKind.RightBracket => "there is no matching opening bracket",
        TokenKind.Name or TokenKind.Number => "two values in a row need an operator between them (*, @, +, ...) or a comma",
        _ => null,
    };
}
