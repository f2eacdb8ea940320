// An HttpListener server for the net benchmark: on port 8080 it answers GET / with a fixed small body (keep-alive,
// since the response has a Content-Length), prints "listening" once it accepts connections, and after answering a
// request to /quit exits with 0.
using System.Net;
using System.Text;

byte[] body = Encoding.ASCII.GetBytes("hello from the sharprun net benchmark\n");
byte[] bye = Encoding.ASCII.GetBytes("bye\n");

using var listener = new HttpListener();
listener.Prefixes.Add("http://*:8080/");
listener.Start();
Console.WriteLine("listening");

while (true)
{
    var context = await listener.GetContextAsync();
    bool quit = context.Request.Url?.AbsolutePath == "/quit";
    var response = context.Response;
    response.StatusCode = 200;
    response.ContentType = "text/plain";
    byte[] answer = quit ? bye : body;
    response.ContentLength64 = answer.Length;
    response.OutputStream.Write(answer);
    response.Close();
    if (quit)
        break;
}
listener.Stop();
return 0;
