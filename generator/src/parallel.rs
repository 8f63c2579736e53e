//! The one thread pool of the generator: work that is independent item by item (parsing
//! the spec's files, emitting and formatting chunks of output) runs on every core.
//!
//! Threads take the next item as they finish the last one, so a few large items do not
//! leave the other cores idle, and the results come back in the order of the items: the
//! output never depends on the number of threads or on which thread did what. [`join`]
//! runs two different pieces of work side by side (the loader's bundling and reading);
//! [`explore`] visits items that lead to more items (the spec's files, which refer to
//! other files).

use std::collections::{HashSet, VecDeque};
use std::hash::Hash;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

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
    let mut results = on_threads(threads, work);
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

/// Visits `first` and every item a visit leads to, each once, on as many threads as the
/// machine has cores; `visit` gives an item's result and the items it leads to. Threads
/// take the next item as soon as they are free, whichever visit found it (waiting for
/// all of one round's items before starting the next would leave a core idle behind a
/// large one). The items visited, with their results, in no particular order; the set of
/// them does not depend on the order. A panic in `visit` is passed on to the caller.
pub(crate) fn explore<T, R>(first: Vec<T>, visit: impl Fn(&T) -> (R, Vec<T>) + Sync) -> Vec<(T, R)>
where
    T: Clone + Eq + Hash + Send,
    R: Send,
{
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let seen: HashSet<T> = first.iter().cloned().collect();
    let queue = Exploring {
        state: Mutex::new(Frontier {
            waiting: first.into_iter().collect(),
            busy: 0,
            seen,
        }),
        changed: Condvar::new(),
    };
    let work = || {
        let mut done = Vec::new();
        while let Some(taken) = queue.take() {
            let (result, found) = visit(&taken.item);
            let item = taken.item.clone();
            taken.finish(found);
            done.push((item, result));
        }
        done
    };
    on_threads(threads, work)
}

/// `work` run on `threads` threads at once (the calling thread is one of them), what
/// each did in one list; a panic in any is passed on to the caller.
fn on_threads<D: Send>(threads: usize, work: impl Fn() -> Vec<D> + Sync) -> Vec<D> {
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(&work)).collect();
        let mut results = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    })
}

/// What [`explore`] has yet to visit.
struct Frontier<T> {
    /// Found, not taken yet.
    waiting: VecDeque<T>,
    /// Taken and being visited: what they lead to is not known yet.
    busy: usize,
    /// Every item found so far.
    seen: HashSet<T>,
}

/// The frontier of [`explore`], shared by its threads, and the signal that it changed.
struct Exploring<T> {
    state: Mutex<Frontier<T>>,
    changed: Condvar,
}

impl<T: Clone + Eq + Hash> Exploring<T> {
    fn lock(&self) -> MutexGuard<'_, Frontier<T>> {
        // A visit that panicked never holds the lock: the frontier is whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next item to visit, waiting while others are being visited (they may lead to
    /// more); `None` once nothing is waiting and nothing is being visited.
    fn take(&self) -> Option<Taken<'_, T>> {
        let mut frontier = self.lock();
        loop {
            if let Some(item) = frontier.waiting.pop_front() {
                frontier.busy += 1;
                return Some(Taken {
                    item,
                    exploring: self,
                    found: Vec::new(),
                });
            }
            if frontier.busy == 0 {
                return None;
            }
            frontier = self
                .changed
                .wait(frontier)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// An item being visited. Dropped, it adds what the visit found to the frontier, also
/// when the visit panicked (then nothing), so the other threads never wait for it in vain.
struct Taken<'e, T: Clone + Eq + Hash> {
    item: T,
    exploring: &'e Exploring<T>,
    found: Vec<T>,
}

impl<T: Clone + Eq + Hash> Taken<'_, T> {
    /// Done: `found` are what the visit led to.
    fn finish(mut self, found: Vec<T>) {
        self.found = found;
    }
}

impl<T: Clone + Eq + Hash> Drop for Taken<'_, T> {
    fn drop(&mut self) {
        let mut frontier = self.exploring.lock();
        for item in self.found.drain(..) {
            if frontier.seen.insert(item.clone()) {
                frontier.waiting.push_back(item);
            }
        }
        frontier.busy -= 1;
        drop(frontier);
        self.exploring.changed.notify_all();
    }
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
        let distinct: HashSet<_> = ids.into_iter().collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(distinct.len() > 1, cores > 1, "{} threads", distinct.len());
    }

    /// The numbers below 1000 that `n` leads to.
    fn next(n: &u64) -> Vec<u64> {
        [n * 2 % 1000, n * 3 % 1000, (n + 7) % 1000].into()
    }

    #[test]
    fn explores_each_item_reached_once() {
        let visits = Mutex::new(Vec::new());
        let found = explore(vec![1, 5], |n| {
            visits.lock().expect("not poisoned").push(*n);
            if n % 13 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            (n * n, next(n))
        });
        // What a plain search reaches.
        let mut reached = HashSet::from([1, 5]);
        let mut stack = vec![1, 5];
        while let Some(n) = stack.pop() {
            stack.extend(next(&n).into_iter().filter(|m| reached.insert(*m)));
        }
        let mut visited = visits.into_inner().expect("not poisoned");
        visited.sort_unstable();
        let mut expected: Vec<u64> = reached.into_iter().collect();
        expected.sort_unstable();
        assert_eq!(visited, expected, "each reached number visited once");
        assert_eq!(found.len(), expected.len());
        assert!(found.iter().all(|(n, square)| *square == n * n));
    }

    #[test]
    fn passes_a_panic_on_without_waiting_forever() {
        let outcome = std::panic::catch_unwind(|| {
            explore(vec![1], |n| {
                assert!(*n != 40, "the visit of 40 fails");
                ((), next(n))
            })
        });
        assert!(outcome.is_err());
    }
}
