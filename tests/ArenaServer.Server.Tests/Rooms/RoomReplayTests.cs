using ArenaServer.Abstractions.Rooms;
using ArenaServer.Testing.Harness;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class RoomReplayTests
{
    [Fact]
    public void Run_RecordedSessionFromFile_IdenticalSnapshotBytes()
    {
        using var harness = RoomHarness.Create<TestRoom, ITestInput, ITestOutput>(TestMessages.Inputs, TestMessages.Outputs,
            o =>
            {
                o.TickRate = 20;
                o.MaxInputsPerPlayerPerTick = 2;
                o.ReconnectGracePeriod = TimeSpan.FromSeconds(1);
            },
            seed: 99);
        var script = new Random(4242);
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        harness.JoinSpectator("watcher");
        HarnessPlayer? carol = null;
        for (int tick = 0; tick < 200; tick++)
        {
            foreach (HarnessPlayer player in new[] { alice, bob })
            {
                for (int n = script.Next(4); n > 0; n--)
                {
                    harness.Input(player, new Push(script.Next(-5, 10)));
                }
            }

            switch (tick)
            {
                case 20: harness.SetRoundTripTime(alice, TimeSpan.FromMilliseconds(70)); break;
                case 40: harness.Disconnect(bob); break;
                case 45: harness.Resume(bob); break;
                case 60: carol = harness.Join("carol"); break;
                case 70: harness.Disconnect(carol!); break;
                case 90: harness.Publish(new ServerEvent("bonus", new byte[] { 0x01 })); break;
                case 120: harness.Stall(TimeSpan.FromSeconds(0.6)); break;
                case 150: harness.Leave(bob); break;
            }

            harness.Tick();
        }

        string path = Path.Combine(Path.GetTempPath(), $"arena-replay-{Guid.NewGuid():N}.arec");
        try
        {
            harness.Recording.Save(path);
            RoomRecording loaded = RoomRecording.Load(path);

            IReadOnlyList<RecordedSnapshot> replayed = RoomReplay.Run<TestRoom, ITestInput, ITestOutput>(
                loaded, TestMessages.Inputs, TestMessages.Outputs);

            Assert.Equal(LeaveReason.ReconnectTimedOut, harness.LastLeave(carol!));
            Assert.True(harness.SkippedTicks > 0);
            Assert.True(harness.InputsDroppedPerTick > 0);
            Assert.True(loaded.InputCount > 100);
            Assert.Equal(harness.CurrentTick, loaded.TickCount);
            Assert.Equal(harness.SnapshotBodies.Count, replayed.Count);
            Assert.Equal(
                harness.SnapshotBodies.Select(s => $"{s.Tick}:{s.Tag}:{Convert.ToHexString(s.Body)}"),
                replayed.Select(s => $"{s.Tick}:{s.Tag}:{Convert.ToHexString(s.Body)}"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_DifferentSeed_SnapshotsDiffer()
    {
        using var harness = RoomHarness.Create<TestRoom, ITestInput, ITestOutput>(TestMessages.Inputs, TestMessages.Outputs, seed: 1);
        harness.Join("alice");
        harness.Tick(10);
        using var stream = new MemoryStream();
        harness.Recording.WriteTo(stream);
        stream.Position = 0;
        RoomRecording recording = RoomRecording.ReadFrom(stream);

        IReadOnlyList<RecordedSnapshot> same = RoomReplay.Run<TestRoom, ITestInput, ITestOutput>(recording, TestMessages.Inputs, TestMessages.Outputs);

        Assert.Equal(harness.SnapshotBodies.Select(s => Convert.ToHexString(s.Body)), same.Select(s => Convert.ToHexString(s.Body)));
        Assert.Equal(1, recording.Seed);
    }

    [Fact]
    public void ReadFrom_NotARecording_InvalidData()
    {
        using var stream = new MemoryStream([0x93, 0x01, 0x02, 0x03]);

        Assert.Throws<InvalidDataException>(() => RoomRecording.ReadFrom(stream));
    }
}
