// The tour of Linea: filled in with the course material's worked examples.
System.Console.WriteLine("Linea tour");
