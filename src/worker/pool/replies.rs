//! One request and its reply over a worker's pipes, under a time limit.
//!
//! A reply is one frame: its length as eight little-endian bytes, then the bytes. On Unix
//! the asking thread drives both pipes itself (non-blocking, `poll` until the deadline):
//! it writes the request while the worker may already answer, and reads the frame. A
//! thread per request to write, and a reader thread handing frames over a channel, cost
//! two thread wake-ups and a thread start per file — a third of what a contained .docx
//! read cost beyond the reading itself. Elsewhere those two threads do it.

use std::process::{Child, ChildStdin, ChildStdout};
use std::time::Duration;

/// Why no frame came back.
#[derive(Debug)]
pub enum Exchange {
    /// The deadline passed; the worker has been killed.
    TimedOut,
    /// The worker closed its output (or it failed) before a whole frame: it died.
    Closed,
}

/// The reading side of a worker's output.
pub struct Replies {
    #[cfg(unix)]
    out: ChildStdout,
    #[cfg(not(unix))]
    frames: std::sync::mpsc::Receiver<Option<Vec<u8>>>,
    /// A frame longer than this is not read (an empty frame stands for it): a reply
    /// cannot be larger than the worker's address space.
    cap: u64,
}

#[cfg(unix)]
impl Replies {
    pub fn new(out: ChildStdout, cap: u64) -> Replies {
        use std::os::fd::AsRawFd;
        set_nonblocking(out.as_raw_fd());
        Replies { out, cap }
    }

    /// Write `request` (its pieces in order) to `input` and read the reply's frame; kill
    /// `child` when `timeout` passes first. A write that fails (the worker ended) is
    /// left: its death is what gets reported.
    pub fn exchange(
        &mut self,
        child: &mut Child,
        input: &mut ChildStdin,
        request: &[&[u8]],
        timeout: Duration,
    ) -> Result<Vec<u8>, Exchange> {
        use std::io::{ErrorKind, Read, Write};
        use std::os::fd::AsRawFd;
        let deadline = std::time::Instant::now() + timeout;
        set_nonblocking(input.as_raw_fd());
        let mut piece = 0;
        let mut at = 0;
        let mut writing = true;
        let mut buf: Vec<u8> = Vec::new();
        let mut want: Option<usize> = None;
        let mut chunk = [0u8; 64 * 1024];
        loop {
            while piece < request.len() && at == request[piece].len() {
                piece += 1;
                at = 0;
            }
            writing &= piece < request.len();
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                let _ = child.kill();
                return Err(Exchange::TimedOut);
            }
            let mut fds = [
                libc::pollfd {
                    fd: self.out.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
                libc::pollfd {
                    fd: input.as_raw_fd(),
                    events: libc::POLLOUT,
                    revents: 0,
                },
            ];
            let n = if writing { 2 } else { 1 };
            let ms = left.as_millis().clamp(1, i32::MAX as u128) as libc::c_int;
            // SAFETY: `fds` is a valid array of `n` initialised pollfd structs.
            let ready = unsafe { libc::poll(fds.as_mut_ptr(), n as libc::nfds_t, ms) };
            if ready < 0 {
                if std::io::Error::last_os_error().kind() == ErrorKind::Interrupted {
                    continue;
                }
                return Err(Exchange::Closed);
            }
            if writing && fds[1].revents != 0 {
                loop {
                    match input.write(&request[piece][at..]) {
                        Ok(k) => {
                            at += k;
                            if at < request[piece].len() {
                                continue;
                            }
                            piece += 1;
                            at = 0;
                            if piece == request.len() {
                                break;
                            }
                        }
                        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                        Err(e) if e.kind() == ErrorKind::Interrupted => {}
                        Err(_) => {
                            writing = false;
                            break;
                        }
                    }
                }
            }
            if fds[0].revents == 0 {
                continue;
            }
            loop {
                match self.out.read(&mut chunk) {
                    Ok(0) => return Err(Exchange::Closed),
                    Ok(k) => buf.extend_from_slice(&chunk[..k]),
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(_) => return Err(Exchange::Closed),
                }
                if want.is_none() && buf.len() >= 8 {
                    let len = u64::from_le_bytes(buf[..8].try_into().expect("eight bytes"));
                    if len > self.cap {
                        return Ok(Vec::new());
                    }
                    want = Some(len as usize);
                    buf.reserve((len as usize + 8).saturating_sub(buf.len()));
                }
                if let Some(len) = want {
                    if buf.len() >= 8 + len {
                        buf.truncate(8 + len);
                        buf.drain(..8);
                        return Ok(buf);
                    }
                }
            }
        }
    }
}

/// Make a pipe end non-blocking (only this process's end: the worker's is its own).
#[cfg(unix)]
fn set_nonblocking(fd: std::os::fd::RawFd) {
    // SAFETY: fcntl on a descriptor this process owns, with plain integer arguments.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 && flags & libc::O_NONBLOCK == 0 {
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
    }
}

#[cfg(not(unix))]
impl Replies {
    pub fn new(out: ChildStdout, cap: u64) -> Replies {
        use std::io::Read;
        let (tx, frames) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut out = std::io::BufReader::new(out);
            loop {
                let mut len = [0u8; 8];
                if out.read_exact(&mut len).is_err() {
                    let _ = tx.send(None);
                    return;
                }
                let len = u64::from_le_bytes(len);
                if len > cap {
                    let _ = tx.send(Some(Vec::new()));
                    return;
                }
                let mut frame = Vec::new();
                match (&mut out).take(len).read_to_end(&mut frame) {
                    Ok(n) if n as u64 == len => {
                        if tx.send(Some(frame)).is_err() {
                            return;
                        }
                    }
                    _ => {
                        let _ = tx.send(None);
                        return;
                    }
                }
            }
        });
        Replies { frames, cap }
    }

    pub fn exchange(
        &mut self,
        child: &mut Child,
        input: &mut ChildStdin,
        request: &[&[u8]],
        timeout: Duration,
    ) -> Result<Vec<u8>, Exchange> {
        use std::io::Write;
        let _ = self.cap;
        std::thread::scope(|s| {
            s.spawn(move || {
                for piece in request {
                    if input.write_all(piece).is_err() {
                        return;
                    }
                }
                let _ = input.flush();
            });
            match self.frames.recv_timeout(timeout) {
                Ok(Some(frame)) => Ok(frame),
                Ok(None) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    Err(Exchange::Closed)
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    // Killing the worker closes its pipes: the writer ends.
                    let _ = child.kill();
                    Err(Exchange::TimedOut)
                }
            }
        })
    }
}
