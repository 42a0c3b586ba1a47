using System.Runtime.CompilerServices;

// RoomHarness (ArenaServer.Testing) drives the real RoomHost on the test thread; the engine stays internal so the
// future /ws wiring is its only production caller.
[assembly: InternalsVisibleTo("ArenaServer.Testing")]
