package io.callqa.audio; final class Placeholder {}
