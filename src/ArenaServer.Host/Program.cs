// Placeholder until the Server layer lands; replaced by the composition in ARCHITECTURE.md §8.
System.Console.WriteLine("ArenaServer");
