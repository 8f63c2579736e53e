//! The one thread pool of the generator: work that is independent item by item (parsing
//! the spec's files, emitting and formatting chunks of output) runs on every core.
//!
//! Threads take the next item as they finish the last one, so a few large items do not
//! leave the other cores idle, and the results come back in the order of the items: the
//! output never depends on the number of threads or on which thread did what. [`join`]
//! runs two different pieces of work side by side (the loader's bundling and reading).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, on as many threads as the machine has cores (the calling
/// thread is one of them); the results in the order of `items`. A panic in `f` is
/// passed on to the caller, as [`std::thread::scope`] does.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    let next = AtomicUsize::new(0);
    // Each thread keeps what it did, with the index of each item.
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, f(item)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut results = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    });
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// `here()` on the calling thread and `there()` on another, at the same time; both
/// results. Only `there` needs to be `Send`: `here` may hold what cannot leave its thread.
/// A panic in either is passed on to the caller.
pub(crate) fn join<A, B: Send>(
    here: impl FnOnce() -> A,
    there: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let there = scope.spawn(there);
        let here = here();
        match there.join() {
            Ok(there) => (here, there),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so that threads finish out of order.
        let squares = map(&items, |n| {
            if n % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(map(&[] as &[u8], |_| 0).is_empty());
    }

    #[test]
    fn joins_work_on_two_threads() {
        let here = std::thread::current().id();
        let (a, b) = join(
            || (std::thread::current().id(), 1),
            || (std::thread::current().id(), 2),
        );
        assert_eq!(a, (here, 1));
        assert_ne!(b.0, here);
        assert_eq!(b.1, 2);
    }

    #[test]
    fn uses_more_than_one_thread_when_there_are_cores() {
        let items = [(); 64];
        let ids = map(&items, |()| {
            std::thread::sleep(std::time::Duration::from_millis(5));
            std::thread::current().id()
        });
        let distinct: std::collections::HashSet<_> = ids.into_iter().collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(distinct.len() > 1, cores > 1, "{} threads", distinct.len());
    }
}
