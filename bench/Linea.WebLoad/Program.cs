using Linea.WebLoad;

// dotnet run -c Release --project bench/Linea.WebLoad -- load [--requests 5000] [--clients 16] [--seconds 300] [--mix valid|mixed]
// dotnet run -c Release --project bench/Linea.WebLoad -- screenshots [docs/images]
return args.FirstOrDefault() switch
{
    "load" => await LoadTest.RunAsync(LoadTest.Settings.Parse(args[1..])),
    "screenshots" => await Screenshots.RunAsync(args.Length > 1 ? args[1] : "docs/images"),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Linea.WebLoad load [--requests N] [--clients N] [--seconds N] [--mix valid|mixed] | screenshots [DIR]");
    return 2;
}
