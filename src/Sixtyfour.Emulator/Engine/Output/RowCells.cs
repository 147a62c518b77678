using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Output;

/// <summary>
/// One row read against a column list once, for every result file it goes to. A string value that is
/// plain text (ASCII without control characters, quotes, backslashes or commas: what most cells are)
/// is kept as its bytes, which are the same in CSV and in JSON, so a row of plain text is copied into
/// each file in one piece instead of each value being read out of its node, checked and converted
/// once per file (writing results was the largest share of every block's work in profiles of P5).
/// Any other value is written from its node, as before.
/// </summary>
public sealed class RowCells
{
    /// <summary>Bytes JSON would escape or CSV would quote (the white space at a field's ends that CSV quotes is checked apart).</summary>
    private static readonly SearchValues<byte> NotPlain = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(code => (byte)code), (byte)'"', (byte)'\\', (byte)',', 0x7F]);

    /// <summary>The type of a value made from a string.</summary>
    private static readonly Type StringValueType = JsonValue.Create(string.Empty).GetType();

    private readonly ArrayBufferWriter<byte> plainBytes = new(4096);
    private Cell[] cells = new Cell[16];

    /// <summary>The number of columns the row was read against.</summary>
    public int Count { get; private set; }

    /// <summary>True when the row has every column and each value is plain text.</summary>
    public bool AllPlain { get; private set; }

    /// <summary>
    /// Reads <paramref name="row"/>'s value for each of <paramref name="columns"/>, replacing the previous row; true
    /// when the row's keys are exactly the columns, in order.
    /// </summary>
    public bool Load(JsonObject row, IReadOnlyList<string> columns)
    {
        if (cells.Length < columns.Count)
        {
            cells = new Cell[Math.Max(columns.Count, cells.Length * 2)];
        }

        Count = columns.Count;
        if (LoadInOrder(row, columns))
        {
            return true;
        }

        Reset();
        for (var i = 0; i < columns.Count; i++)
        {
            if (row.TryGetPropertyValue(columns[i], out var value))
            {
                cells[i] = Read(value);
            }
            else
            {
                cells[i] = Cell.Absent;
                AllPlain = false;
            }
        }

        return false;
    }

    /// <summary>Whether the row has column <paramref name="index"/> at all (a JSON null counts as present).</summary>
    public bool IsPresent(int index) => cells[index].Present;

    /// <summary>The column's value (null when absent or JSON null).</summary>
    public JsonNode? Node(int index) => cells[index].Node;

    /// <summary>The column's text as bytes when its value is plain text.</summary>
    public bool TryGetPlain(int index, out ReadOnlySpan<byte> text)
    {
        ref readonly var cell = ref cells[index];
        text = cell.PlainLength >= 0 ? plainBytes.WrittenSpan.Slice(cell.PlainStart, cell.PlainLength) : default;
        return cell.PlainLength >= 0;
    }

    /// <summary>
    /// The usual row, keyed by the columns in order (each key usually the very same string): its values are read as
    /// its keys are compared, in one pass and without a lookup per column. False as soon as a key differs.
    /// </summary>
    private bool LoadInOrder(JsonObject row, IReadOnlyList<string> columns)
    {
        Reset();
        if (row.Count != columns.Count)
        {
            return false;
        }

        var i = 0;
        foreach (var (key, value) in row)
        {
            if (!string.Equals(key, columns[i], StringComparison.Ordinal))
            {
                return false;
            }

            cells[i++] = Read(value);
        }

        return true;
    }

    private void Reset()
    {
        plainBytes.ResetWrittenCount();
        AllPlain = true;
    }

    private Cell Read(JsonNode? value)
    {
        if (TextOf(value) is { } text)
        {
            var start = plainBytes.WrittenCount;
            var bytes = plainBytes.GetSpan(text.Length);
            if (Ascii.FromUtf16(text, bytes, out var written) == OperationStatus.Done && bytes[..written].IndexOfAny(NotPlain) < 0)
            {
                plainBytes.Advance(written);
                return new Cell(true, value, start, written);
            }
        }

        AllPlain = false;
        return new Cell(true, value, 0, -1);
    }

    /// <summary>
    /// A string value's text. A value made from a string (the CSV reader's, an implicit conversion) returns it from
    /// ToString, a third of the cost of TryGetValue's generic dispatch, which serves every other kind of value.
    /// </summary>
    private static string? TextOf(JsonNode? value) =>
        value?.GetType() == StringValueType ? value.ToString()
        : value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text
        : null;

    private readonly record struct Cell(bool Present, JsonNode? Node, int PlainStart, int PlainLength)
    {
        public static readonly Cell Absent = new(false, null, 0, -1);
    }
}
