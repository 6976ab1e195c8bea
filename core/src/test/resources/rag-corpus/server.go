package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"time"
)

// main starts the web server and shuts it down gracefully on Ctrl-C, letting open
// connections finish for up to ten seconds.
func main() {
	srv := &http.Server{Addr: ":8080"}
	go srv.ListenAndServe()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
}
