using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// Who is connected where on one host: the seats of a table are counted by connection, so a seat stays
/// present while any of its pages is open, and a table's seats are read without scanning the host.
/// </summary>
public sealed class AttendanceTests
{
    private const string TableA = "w1/1";
    private const string TableB = "w1/2";

    private static int[] SeatsOf(Attendance attendance, string table) => [.. attendance.SeatsOf(table).Seats];

    [Fact]
    public void A_seat_is_here_while_any_of_its_connections_is_and_a_table_lists_its_seats_in_order()
    {
        var attendance = new Attendance();
        Assert.True(attendance.Enter("c1", new Attendance.AtSeat(TableA, 3)).First);
        Assert.False(attendance.Enter("c2", new Attendance.AtSeat(TableA, 3)).First);
        attendance.Enter("c3", new Attendance.AtSeat(TableA, 0));
        attendance.Enter("c4", new Attendance.AtSeat(TableB, 1));
        attendance.Enter("c5", new Attendance.AtConsole("w1"));

        Assert.Equal([0, 3], SeatsOf(attendance, TableA));
        Assert.Equal([1], SeatsOf(attendance, TableB));
        Assert.Equal([0], attendance.SeatsHere(TableA, seatCount: 3));
        Assert.Equal(3, attendance.ConnectedSeats);
        Assert.Equal([TableA, TableB], attendance.TablesWithSeats().Order(StringComparer.Ordinal));

        // One of seat 3's two pages closes: still here. The other closes: gone, and it was the last.
        Assert.False(attendance.Leave("c1").WasLast);
        Assert.Equal([0, 3], SeatsOf(attendance, TableA));
        Assert.True(attendance.Leave("c2").WasLast);
        Assert.Equal([0], SeatsOf(attendance, TableA));
        Assert.Equal(2, attendance.ConnectedSeats);
    }

    [Fact]
    public void A_connection_that_moves_leaves_its_old_seat_and_an_empty_table_is_no_longer_listed()
    {
        var attendance = new Attendance();
        attendance.Enter("c1", new Attendance.AtSeat(TableA, 2));
        var (first, left, leftWasLast) = attendance.Enter("c1", new Attendance.AtSeat(TableB, 0));

        Assert.True(first);
        Assert.Equal(new Attendance.AtSeat(TableA, 2), left);
        Assert.True(leftWasLast);
        Assert.Empty(SeatsOf(attendance, TableA));
        Assert.Equal([TableB], attendance.TablesWithSeats());

        attendance.Leave("c1");
        Assert.Empty(attendance.TablesWithSeats());
        Assert.Equal(0, attendance.ConnectedSeats);
        Assert.Equal((null, false), attendance.Leave("c1"));
    }

    [Fact]
    public void Every_change_raises_the_sequence_so_the_newer_of_two_answers_is_known()
    {
        var attendance = new Attendance();
        var before = attendance.SeatsOf(TableA).Sequence;
        attendance.Enter("c1", new Attendance.AtSeat(TableB, 0));
        var afterOther = attendance.SeatsOf(TableA).Sequence;
        attendance.Leave("c1");

        Assert.True(afterOther > before);
        Assert.True(attendance.SeatsOf(TableA).Sequence > afterOther);
    }
}
