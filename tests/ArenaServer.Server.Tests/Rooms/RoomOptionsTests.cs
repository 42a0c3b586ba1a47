using ArenaServer.Abstractions.Rooms;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class RoomOptionsTests
{
    [Fact]
    public void Validate_Defaults_ValidWithDocumentedValues()
    {
        var options = new RoomOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(30, options.TickRate);
        Assert.Equal(1, options.SnapshotEveryTicks);
        Assert.Equal(5, options.MaxCatchUpTicks);
        Assert.Equal(16, options.MaxPlayers);
        Assert.Equal(256, options.InputQueueCapacity);
        Assert.Equal(8, options.MaxInputsPerPlayerPerTick);
        Assert.Equal(64, options.ControlQueueCapacity);
        Assert.Equal(TimeSpan.FromSeconds(20), options.ReconnectGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxEmptyTime);
        Assert.Equal(RoomErrorPolicy.CloseRoom, options.OnError);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    public void Validate_TickRateOutOfRange_NamesTheKey(int tickRate)
    {
        IReadOnlyList<string> errors = new RoomOptions { TickRate = tickRate }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Rooms:TickRate", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_QueueSmallerThanPerTickCap_Invalid()
    {
        var options = new RoomOptions { InputQueueCapacity = 4, MaxInputsPerPlayerPerTick = 8 };

        Assert.Contains(options.Validate(), e => e.StartsWith("Rooms:InputQueueCapacity", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(options.ThrowIfInvalid);
    }

    [Fact]
    public void Validate_NegativeGraceAndUndefinedPolicy_Invalid()
    {
        var options = new RoomOptions { ReconnectGracePeriod = TimeSpan.FromSeconds(-1), OnError = (RoomErrorPolicy)9 };

        Assert.Equal(2, options.Validate().Count);
    }
}
