namespace Linea.Distributed;

/// <summary>What <see cref="Communicator.Receive{T}(Span{T}, int, int)"/> received: from whom, with which tag, how many elements.</summary>
/// <param name="Source">The sending rank (useful with <see cref="Communicator.AnySource"/>).</param>
/// <param name="Tag">The message's tag (useful with <see cref="Communicator.AnyTag"/>).</param>
/// <param name="Count">The number of elements received.</param>
public readonly record struct ReceivedMessage(int Source, int Tag, int Count);
