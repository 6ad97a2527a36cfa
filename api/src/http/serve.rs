//! The accept loop: hyper with a deadline for request headers (slow-loris), the client's address
//! handed to the router, and a graceful stop: once told to stop, the server accepts no new
//! connection, lets every request already received finish (for at most the grace period), and
//! returns, so that every client gets an answer and what answered success is what was committed.

use std::{future::Future, net::SocketAddr, time::Duration};

use axum::{Router, extract::Request};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use tokio::net::TcpListener;
use tower::ServiceExt;

/// The peer address of the connection a request came on.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub SocketAddr);

/// How serving ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every request in flight finished within the grace period.
    Drained,
    /// The grace period ran out with requests still in flight; they were cut.
    GraceExpired,
}

/// Serves `app` on `listener` until `shutdown` completes, then drains for at most `grace`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_read_timeout: Duration,
    grace: Duration,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<Stopped> {
    let mut shutdown = std::pin::pin!(shutdown);
    let graceful = GracefulShutdown::new();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ClientAddr(peer));
            app.clone().oneshot(request.map(axum::body::Body::new))
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_read_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    // No new connection from here on; idle ones close, busy ones finish their request.
    drop(listener);
    tracing::info!(grace_seconds = grace.as_secs(), "stopping: letting requests in flight finish");
    tokio::select! {
        () = graceful.shutdown() => {
            tracing::info!("every request in flight has finished");
            Ok(Stopped::Drained)
        }
        () = tokio::time::sleep(grace) => {
            tracing::warn!("the grace period ran out with requests still in flight");
            Ok(Stopped::GraceExpired)
        }
    }
}

/// Completes when the process is asked to stop: SIGTERM (what a service manager or an
/// orchestrator sends) or SIGINT (Ctrl-C).
pub async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => tracing::info!("SIGTERM received"),
                    _ = int.recv() => tracing::info!("SIGINT received"),
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sigterm_asks_the_server_to_stop() {
        let stopped = tokio::spawn(stop_signal());
        // Let the handler be installed before the signal is sent.
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        let status =
            std::process::Command::new("kill").args(["-TERM", &std::process::id().to_string()]).status().expect("kill");
        assert!(status.success());
        tokio::time::timeout(Duration::from_secs(5), stopped).await.expect("stopped on SIGTERM").unwrap();
    }
}
