using Linea.WebLoad;

// dotnet run -c Release --project bench/Linea.WebLoad -- load [--requests 5000] [--clients 16] [--seconds 300]
// dotnet run -c Release --project bench/Linea.WebLoad -- screenshots [docs/images]
return args.FirstOrDefault() switch
{
    "load" => await LoadTest.RunAsync(LoadTest.Settings.Parse(args[1..])),
    "screenshots" => await Screenshots.RunAsync(args.Length > 1 ? args[1] : "docs/images"),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Linea.WebLoad load [--requests N] [--clients N] [--seconds N] | screenshots [DIR]");
    return 2;
}
