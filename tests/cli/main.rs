//! One integration test binary: each test runs the real `handbill` executable on files
//! written in the test and checks its exit code, what it printed and what it wrote.

mod commands;
mod edges;
mod focus;
mod fonts;
mod golden;
mod hostile;
mod house;
mod kit;
mod poster;
mod scripts;
mod social;
mod util;
mod validation;
