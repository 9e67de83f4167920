using Linea.Calc.Lexing;
using Linea.Calc.Syntax;

namespace Linea.Calc.Parsing;

/// <summary>Parses an expression that starts with a given token (a literal, a name, a prefix operator, a bracket).</summary>
internal interface IPrefixParselet
{
    Expr Parse(Parser parser, Token token);
}

/// <summary>Parses the rest of an expression whose operator token follows an already parsed left operand.</summary>
internal interface IInfixParselet
{
    int Precedence { get; }
    Expr Parse(Parser parser, Expr left, Token token);
}

internal sealed class NumberParselet : IPrefixParselet
{
    public Expr Parse(Parser parser, Token token) =>
        new NumberLiteral(token.Text, token.Text.All(char.IsAsciiDigit), SourceSpan.Of(token));
}

internal sealed class StringParselet : IPrefixParselet
{
    public Expr Parse(Parser parser, Token token) => new StringLiteral(token.Text, SourceSpan.Of(token));
}

internal sealed class NameParselet : IPrefixParselet
{
    public Expr Parse(Parser parser, Token token) => new NameExpr(token.Text, SourceSpan.Of(token));
}

internal sealed class PrefixOperatorParselet(UnaryOperator op) : IPrefixParselet
{
    public Expr Parse(Parser parser, Token token)
    {
        var operand = parser.ParseExpression(Precedence.Prefix);
        return new UnaryExpr(op, operand, SourceSpan.Of(token));
    }
}

/// <summary><c>( expr )</c>: grouping, where white space and line breaks do not separate matrix elements.</summary>
internal sealed class GroupParselet : IPrefixParselet
{
    public Expr Parse(Parser parser, Token token)
    {
        parser.PushMode(BracketMode.Paren);
        try
        {
            if (parser.Peek().Kind == TokenKind.RightParen)
                throw parser.Error(parser.Peek(), "empty parentheses '()' are not a value", "write a shape as a declaration, X : (2, 3), or a call, zeros(2, 3)");
            var inner = parser.ParseExpression(Precedence.Lowest);
            if (parser.Peek().Kind == TokenKind.Comma)
            {
                var items = new List<Expr> { inner };
                while (parser.Match(TokenKind.Comma))
                {
                    if (parser.Peek().Kind == TokenKind.RightParen) break;
                    items.Add(parser.ParseExpression(Precedence.Lowest));
                }
                parser.Expect(TokenKind.RightParen, "to close the '(' here", token);
                return new TupleExpr(items, SourceSpan.Of(token));
            }
            parser.Expect(TokenKind.RightParen, "to close the '(' here", token);
            return inner;
        }
        finally { parser.PopMode(); }
    }
}

/// <summary>
/// <c>[ ... ]</c>: NumPy list syntax (<c>[[1, 2], [3, 4]]</c>) or MATLAB rows (<c>[1 2; 3 4]</c>, <c>[1, 2; 3, 4]</c>).
/// Inside, white space separates elements when it could not be part of one: <c>[1 -2]</c> has two elements,
/// <c>[1 - 2]</c> one. A line break between elements starts a new row.
/// </summary>
internal sealed class ArrayParselet : IPrefixParselet
{
    public Expr Parse(Parser parser, Token token)
    {
        var rows = new List<List<Expr>> { new() };
        bool separators = false;
        parser.PushMode(BracketMode.Matrix);
        try
        {
            if (parser.Match(TokenKind.RightBracket))
                return new ArrayLiteral([[]], false, SourceSpan.Of(token));
            while (true)
            {
                rows[^1].Add(parser.ParseExpression(Precedence.Lowest));
                var next = parser.Peek();
                switch (next.Kind)
                {
                    case TokenKind.Comma:
                        parser.Consume();
                        if (parser.Peek().Kind == TokenKind.RightBracket) { parser.Consume(); return Finish(rows, separators, token); }
                        if (parser.Peek().Kind == TokenKind.Semicolon) goto case TokenKind.Semicolon;
                        continue;
                    case TokenKind.Semicolon:
                        parser.Consume();
                        separators = true;
                        if (parser.Peek().Kind == TokenKind.RightBracket) { parser.Consume(); return Finish(rows, separators, token); }
                        rows.Add(new());
                        continue;
                    case TokenKind.RightBracket:
                        parser.Consume();
                        return Finish(rows, separators, token);
                    default:
                        if (next.NewlineBefore && Parser.CanStartExpression(next.Kind))
                        {
                            separators = true;
                            rows.Add(new());
                            continue;
                        }
                        if (next.SpaceBefore && Parser.CanStartExpression(next.Kind)) { separators = true; continue; }
                        if (next.Kind == TokenKind.End)
                            throw parser.Error(token, "this '[' is never closed", "add ']' at the end");
                        throw parser.Error(next, $"expected ',', ';' or ']' in the matrix, found {next.Describe()}", null);
                }
            }
        }
        finally { parser.PopMode(); }
    }

    private static ArrayLiteral Finish(List<List<Expr>> rows, bool separators, Token open) =>
        new(rows.Select(r => (IReadOnlyList<Expr>)r).ToList(), separators, SourceSpan.Of(open));
}

internal sealed class BinaryOperatorParselet(BinaryOperator op, int precedence, bool rightAssociative) : IInfixParselet
{
    public int Precedence => precedence;

    public Expr Parse(Parser parser, Expr left, Token token)
    {
        var right = parser.ParseExpression(rightAssociative ? precedence - 1 : precedence);
        return new BinaryExpr(op, left, right, SourceSpan.Of(token));
    }
}

/// <summary><c>name(args)</c>, with keyword arguments <c>seed=1</c> after the positional ones.</summary>
internal sealed class CallParselet : IInfixParselet
{
    public int Precedence => Parsing.Precedence.Postfix;

    public Expr Parse(Parser parser, Expr left, Token token)
    {
        if (left is not NameExpr name)
            throw parser.Error(token, "only functions can be called: the '(' here follows a value, not a function name",
                "for a product write '*' or '@' between the factors");
        var args = new List<Argument>();
        parser.PushMode(BracketMode.Paren);
        try
        {
            bool keywordSeen = false;
            while (parser.Peek().Kind != TokenKind.RightParen)
            {
                if (parser.Peek().Kind == TokenKind.Name && parser.PeekAt(1).Kind == TokenKind.Assign)
                {
                    var kw = parser.Consume();
                    parser.Consume();
                    if (args.Any(a => a.Name == kw.Text))
                        throw parser.Error(kw, $"keyword argument '{kw.Text}' is given twice", null);
                    args.Add(new Argument(kw.Text, parser.ParseExpression(Parsing.Precedence.Lowest)));
                    keywordSeen = true;
                }
                else
                {
                    var at = parser.Peek();
                    var value = parser.ParseExpression(Parsing.Precedence.Lowest);
                    if (keywordSeen)
                        throw parser.Error(at, "a positional argument cannot follow a keyword argument", null);
                    args.Add(new Argument(null, value));
                }
                if (!parser.Match(TokenKind.Comma)) break;
            }
            parser.Expect(TokenKind.RightParen, $"to close the call of {name.Name}", token);
        }
        finally { parser.PopMode(); }
        return new CallExpr(name.Name, args, name.Span);
    }
}

/// <summary><c>A[i, start:stop:step, ...]</c></summary>
internal sealed class IndexParselet : IInfixParselet
{
    public int Precedence => Parsing.Precedence.Postfix;

    public Expr Parse(Parser parser, Expr left, Token token)
    {
        var items = new List<IndexItem>();
        parser.PushMode(BracketMode.Paren);
        try
        {
            if (parser.Peek().Kind == TokenKind.RightBracket)
                throw parser.Error(parser.Peek(), "empty index '[]'", "write A[0] for a row, A[:, 0] for a column");
            do
            {
                if (parser.Peek().Kind == TokenKind.RightBracket) break;
                items.Add(ParseItem(parser));
            } while (parser.Match(TokenKind.Comma));
            parser.Expect(TokenKind.RightBracket, "to close the index", token);
        }
        finally { parser.PopMode(); }
        return new IndexExpr(left, items, SourceSpan.Of(token));
    }

    private static IndexItem ParseItem(Parser parser)
    {
        Expr? start = null;
        if (parser.Peek().Kind != TokenKind.Colon)
        {
            start = parser.ParseExpression(Parsing.Precedence.Lowest);
            if (parser.Peek().Kind != TokenKind.Colon) return new IndexAt(start);
        }
        parser.Consume(); // ':'
        Expr? stop = null, step = null;
        if (!EndsPart(parser.Peek().Kind)) stop = parser.ParseExpression(Parsing.Precedence.Lowest);
        if (parser.Match(TokenKind.Colon) && !EndsPart(parser.Peek().Kind))
            step = parser.ParseExpression(Parsing.Precedence.Lowest);
        return new IndexSlice(start, stop, step);
    }

    private static bool EndsPart(TokenKind k) => k is TokenKind.Colon or TokenKind.Comma or TokenKind.RightBracket;
}

/// <summary>Postfix <c>'</c>: transpose.</summary>
internal sealed class ApostropheParselet : IInfixParselet
{
    public int Precedence => Parsing.Precedence.Postfix;

    public Expr Parse(Parser parser, Expr left, Token token) => new TransposeExpr(left, TransposeKind.Apostrophe, SourceSpan.Of(token));
}

/// <summary><c>.T</c> and <c>.mT</c>, the only attributes.</summary>
internal sealed class AttributeParselet : IInfixParselet
{
    public int Precedence => Parsing.Precedence.Postfix;

    public Expr Parse(Parser parser, Expr left, Token token)
    {
        var name = parser.Peek();
        if (name.Kind != TokenKind.Name)
            throw parser.Error(name, $"expected an attribute name after '.', found {name.Describe()}", "the attributes are .T and .mT");
        parser.Consume();
        return name.Text switch
        {
            "T" => new TransposeExpr(left, TransposeKind.T, SourceSpan.Of(token)),
            "mT" => new TransposeExpr(left, TransposeKind.MT, SourceSpan.Of(token)),
            "shape" or "ndim" or "size" => throw parser.Error(name, $"there is no attribute .{name.Text}", "use shape(A)"),
            _ => throw parser.Error(name, $"there is no attribute .{name.Text}",
                "the attributes are .T (transpose) and .mT (swap the last two axes); functions are called as f(A)"),
        };
    }
}
